"""A fresh kernel for one report, started ahead of time so that its start-up overlaps other work.

The kernel boots and imports the report's libraries while the caller imports, validates,
exports or prints the previous report; the notebook then runs in it and the kernel is shut
down. Each report still gets a kernel of its own: nothing is shared between reports.
"""

from __future__ import annotations

import os
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from jupyter_core.utils import run_sync

from kpureport.errors import ERRORS_AS_DATA_ENV

if TYPE_CHECKING:
    from kpureport.engine.zygote import Zygote

KERNEL = "python3"
#: Quiet start-up, and no IPython history file shared by kernels that run side by side.
KERNEL_ARGS = ("--log-level=ERROR", "--HistoryManager.hist_file=:memory:")
#: Run silently in every kernel before its notebook. kpureport installs its error handler when
#: imported in a shell, but a forked kernel imported it before it had one: installed here.
WARM_UP = "import kpureport.document.report, kpureport.jupyter; kpureport.jupyter.install()"


class Kernel:
    """One started kernel, to be used by exactly one notebook run and then closed.

    With a ``zygote`` (a batch worker's forking parent) the kernel process is forked from it,
    its libraries already imported; without one, or if the fork fails, it boots the plain way.
    """

    def __init__(self, cwd: Path, zygote: Zygote | None = None):
        from jupyter_client import BlockingKernelClient

        self.cwd = Path(cwd)
        self.forked = False
        self._clients: list = []
        if zygote is not None and zygote.alive:
            try:
                self._start(zygote)
                self.forked = True
            except RuntimeError:
                run_sync(self.manager.cleanup_resources)()
                self.manager.context.destroy(linger=0)
        if not self.forked:
            self._start(None)
        # A plain blocking client on its own ZMQ context: it must not touch the asyncio
        # context that the notebook client (nbclient) will use for this kernel.
        self._client = BlockingKernelClient()
        self._client.load_connection_info(self.manager.get_connection_info())
        self._client.start_channels()
        # Silent: no output, no execution count; the notebook's own numbering starts at 1.
        self._client.execute(WARM_UP, silent=True, store_history=False)

    def _start(self, zygote: Zygote | None) -> None:
        from jupyter_client.manager import AsyncKernelManager

        self.manager = AsyncKernelManager(kernel_name=KERNEL)
        # The notebook client that papermill asks the manager for shares the manager's ZMQ
        # context, and close() stops it and destroys the context; a context of its own (the
        # default) would outlive the report, a dozen file descriptors each.
        self.manager.client = self._notebook_client
        if zygote is not None:
            from kpureport.engine.zygote import ForkProvisioner

            self.manager.kernel_id = str(uuid.uuid4())
            provisioner = ForkProvisioner(
                kernel_id=self.manager.kernel_id,
                kernel_spec=self.manager.kernel_spec,
                parent=self.manager,
            )
            provisioner.zygote = zygote
            self.manager.provisioner = provisioner
        run_sync(self.manager.start_kernel)(
            cwd=str(self.cwd),
            extra_arguments=list(KERNEL_ARGS),
            env={**os.environ, ERRORS_AS_DATA_ENV: "1"},
        )

    def _notebook_client(self, **kw):
        from jupyter_client.manager import AsyncKernelManager

        client = AsyncKernelManager.client(self.manager, context=self.manager.context, **kw)
        self._clients.append(client)
        return client

    def close(self) -> None:
        """Stop the kernel and free its sockets (idempotent). The client's and the manager's ZMQ
        contexts are their own: left open, each report would keep a dozen file descriptors
        until the process ends."""
        if self._client is not None:
            for client in [self._client, *self._clients]:
                _heartbeat_started(client)
                client.stop_channels()
            self._client.context.destroy(linger=0)
            self._client = None
            run_sync(self.manager.shutdown_kernel)(now=True)
            self.manager.context.destroy(linger=0)


def _heartbeat_started(client, seconds: float = 5.0) -> None:
    """Wait until the client's heartbeat thread has entered its loop. A stop asked before that
    is lost (the thread sets itself running when it starts) and the thread then spins,
    reopening sockets until ZMQ runs out of them: a kernel closed right after it was started
    (bad data found at once) would end that way."""
    channel = client._hb_channel
    deadline = time.monotonic() + seconds
    while (
        channel is not None
        and channel.is_alive()
        and not channel._running
        and time.monotonic() < deadline
    ):
        time.sleep(0.005)
