"""The plans tests use the programme, firms and people the roadmaps tests set up."""

from tests.roadmaps.conftest import *  # noqa: F403
