"""The only package that knows Teams and botbuilder: the door, the activity model, the connector."""
