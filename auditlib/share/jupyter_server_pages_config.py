"""Jupyter Server configuration for a signed-in person's server: the audit pages and nothing else.

Loaded by the JupyterHub deployment (``--config`` on each user's server). The lock-down itself is
the ``auditlib.service.lockdown`` extension (routes, authorizer, widget-only kernel channels); this
file also switches off every other extension so that nothing else is even loaded.
"""
c = get_config()  # noqa: F821 - provided by Jupyter Server when it loads this file

c.ServerApp.jpserver_extensions = {
    "voila": True,
    "auditlib.service.lockdown": True,
    # everything else a Jupyter install may bring: a notebook editor, terminals, a language server
    "jupyterlab": False,
    "notebook": False,
    "nbclassic": False,
    "notebook_shim": False,
    "jupyter_server_terminals": False,
    "jupyter_lsp": False,
    "jupyter_server_ydoc": False,
    "jupyter_collaboration": False,
}
c.ServerApp.terminals_enabled = False
c.ServerApp.authorizer_class = "auditlib.service.lockdown.PagesOnlyAuthorizer"
c.ServerApp.kernel_websocket_connection_class = "auditlib.service.lockdown.WidgetOnlyConnection"
c.MappingKernelManager.allowed_message_types = [
    "comm_open", "comm_msg", "comm_close", "comm_info_request", "kernel_info_request"]
c.ContentsManager.allow_hidden = False
c.VoilaConfiguration.template = "auditlib"
c.VoilaConfiguration.show_tracebacks = False
c.VoilaConfiguration.file_allowlist = []
# each page has a kernel of its own: a closing page shuts its kernel down; a kernel whose page
# vanished without saying so (a crashed tab, a lost connection) is stopped after 15 idle minutes;
# an open page keeps its kernel (as `auditlib serve` does: auditlib.service.serve.kernel_culling)
# (and never while its page is still opening: auditlib.service.voila.PageKernels)
c.ServerApp.kernel_manager_class = "auditlib.service.voila.PageKernels"
c.MappingKernelManager.cull_idle_timeout = 900
c.MappingKernelManager.cull_interval = 60
c.MappingKernelManager.cull_connected = False
