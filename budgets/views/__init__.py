"""Pages of the budgets app: the list, the grid with its cell endpoint, structure editing."""
