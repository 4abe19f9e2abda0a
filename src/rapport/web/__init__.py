"""The app in a browser (``rapport serve``): imported only by that subcommand.

textual-serve and aiohttp are an optional extra (``rapport-interviews[serve]``), so nothing
else in rapport may import this package: plain ``rapport`` starts without them.
"""
