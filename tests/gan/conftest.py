"""One torch thread in these tests: on a busy shared CPU, torch's default thread pool
spins against other processes and runs many times slower."""

from __future__ import annotations

import importlib.util

if importlib.util.find_spec("torch") is not None:
    import torch

    torch.set_num_threads(1)
