"""reviewer-app: identity-verification review workstation."""
