"""Pure computations of the monitoring phase: no Django import (see ``monitoring``)."""
