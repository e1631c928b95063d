"""Try-it task declarations, one module per notebook (see lessons.exercises)."""
