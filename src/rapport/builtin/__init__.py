"""rapport's own plugins, written exactly as a third party would write them."""
