"""Figure definitions, one module per source app; importing a module registers its figures."""
