"""Who may do what in an association: its users' roles and the invitations to them."""
