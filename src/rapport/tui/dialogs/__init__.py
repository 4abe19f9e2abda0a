"""Modal dialogs: confirmations and small forms, each returning its result via dismiss."""
