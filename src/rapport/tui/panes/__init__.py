"""One pane per stage of an interview, shown as tabs on the interview screen."""
