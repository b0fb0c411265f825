"""The Teams app manifest of the service-window bot: template, icons and the package build."""
