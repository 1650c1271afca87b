"""JupyterHub for auditlib: each person signs in, gets their own Voilà workbooks, and every
change lands in one PostgreSQL store under their own name.

Start it (one machine):

    cd deploy/jupyterhub && npm install          # configurable-http-proxy
    export AUDITLIB_STORE=postgresql+psycopg://audit@127.0.0.1/audits
    export AUDITLIB_HUB_AUTH=oauth               # or "local" for a trial (see below)
    PATH=$PWD/node_modules/.bin:$PATH jupyterhub -f jupyterhub_config.py

Settings come from the environment, so the same file serves a trial, CI and production:

AUDITLIB_STORE        the shared store (PostgreSQL), without a password; passed to every user's
                      server
AUDITLIB_STORE_FILE   or: a file holding the store URL (with its password), readable by the
                      service account only; users' servers get the file's path, not the password
AUDITLIB_HUB_ANALYSTS comma-separated user names who get JupyterLab instead of the pages (with
                      AUDITLIB_ANALYST_STORE[_FILE], a read-only database role); nobody by default
AUDITLIB_HUB_IP       address to listen on (default 127.0.0.1: nothing beyond this machine)
AUDITLIB_HUB_PORT     port (default 8000)
AUDITLIB_HUB_AUTH     "oauth": the council's identity provider (OAUTH_* variables, below);
                      "local": a shared trial password (AUDITLIB_HUB_PASSWORD), for trials and tests
AUDITLIB_HUB_USERS    comma-separated user names allowed to sign in (default: anyone the
                      authenticator accepts; the store's roles still decide what each sees)
AUDITLIB_HUB_STATE    folder for the hub's own database, cookie secret and users' folders
AUDITLIB_WORKBOOKS    the workbooks folder users' servers open (default: auditlib's)
AUDITLIB_PUBLIC_URL   the hub's address for links that can be sent, with JupyterHub's
                      user-redirect: https://hub.example.gov.uk/hub/user-redirect/ (each
                      person who opens a link lands on their own server); passed on to users'
                      servers, so the lead auditor's page makes its manifest's links under it
AUDITLIB_HUB_IDLE     seconds a person's server may go unused before the hub stops it
                      (default 3600; 0: never). Needs jupyterhub-idle-culler (the hub extra)
AUDITLIB_HUB_API_PORT the hub's internal API port on 127.0.0.1 (default 8081)
AUDITLIB_HUB_PROXY_API_PORT the proxy's API port on 127.0.0.1 (default: the hub's port + 1)

Identity reaches the workbooks as JUPYTERHUB_USER, set by the hub for each user's server; a
notebook never chooses who is acting. The store's roles then decide what each person may open:
an auditor their own audits, a moderator the audits allocated for moderation, a lead auditor
everything, a trainee the training pages.
"""
import os
import sys
from pathlib import Path

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

#: seconds a person's server may go unused before the hub stops it (AUDITLIB_HUB_IDLE)
IDLE_DEFAULT = 3600

state = Path(os.environ.get("AUDITLIB_HUB_STATE", Path.cwd() / "hub-state")).resolve()
state.mkdir(parents=True, exist_ok=True, mode=0o700)

c.JupyterHub.ip = os.environ.get("AUDITLIB_HUB_IP", "127.0.0.1")
c.JupyterHub.port = int(os.environ.get("AUDITLIB_HUB_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(os.environ.get("AUDITLIB_HUB_API_PORT", "8081"))
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(state / "proxy.pid")
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:" + os.environ.get(
    "AUDITLIB_HUB_PROXY_API_PORT", str(c.JupyterHub.port + 1))

# --- sign-in
auth = os.environ.get("AUDITLIB_HUB_AUTH", "oauth")
if auth == "local":
    # a trial or a test: everyone listed signs in with one shared password
    c.JupyterHub.authenticator_class = "dummy"
    c.DummyAuthenticator.password = os.environ["AUDITLIB_HUB_PASSWORD"]
elif auth == "oauth":
    # production: the council's identity provider (Entra ID, Okta, Keycloak...) via OAuth 2
    c.JupyterHub.authenticator_class = "generic-oauth"
    c.GenericOAuthenticator.client_id = os.environ.get("OAUTH_CLIENT_ID", "")
    c.GenericOAuthenticator.client_secret = os.environ.get("OAUTH_CLIENT_SECRET", "")
    c.GenericOAuthenticator.oauth_callback_url = os.environ.get("OAUTH_CALLBACK_URL", "")
    c.GenericOAuthenticator.authorize_url = os.environ.get("OAUTH_AUTHORIZE_URL", "")
    c.GenericOAuthenticator.token_url = os.environ.get("OAUTH_TOKEN_URL", "")
    c.GenericOAuthenticator.userdata_url = os.environ.get("OAUTH_USERDATA_URL", "")
    c.GenericOAuthenticator.username_claim = os.environ.get("OAUTH_USERNAME_CLAIM",
                                                            "preferred_username")
else:
    raise SystemExit(f"AUDITLIB_HUB_AUTH must be oauth or local (got {auth!r})")
users = [u.strip() for u in os.environ.get("AUDITLIB_HUB_USERS", "").split(",") if u.strip()]
if users:
    c.Authenticator.allowed_users = set(users)
else:
    c.Authenticator.allow_all = True

# --- each user's server: the audit pages and nothing else
# Signed-in users are untrusted. Their servers run Jupyter Server with only Voilà and auditlib's
# lock-down loaded: no JupyterLab, file tree, terminals or contents API, no kernel started on
# request, and kernel channels that carry widget messages only (auditlib/service/lockdown.py).
workbooks = os.environ.get("AUDITLIB_WORKBOOKS") or str(
    Path(__file__).resolve().parents[2] / "workbooks")
share = Path(__import__("auditlib").__file__).resolve().parent / "share"


def _store_environment() -> dict[str, str]:
    """How users' servers find the store, without a password in their environment."""
    from sqlalchemy.engine import make_url

    store_file = os.environ.get("AUDITLIB_STORE_FILE")
    if store_file:
        # a file readable by the service account only (auditlib refuses one others can read)
        return {"AUDITLIB_STORE_FILE": store_file}
    url = os.environ.get("AUDITLIB_STORE", "")
    if url and "://" in url and make_url(url).password:
        raise SystemExit("AUDITLIB_STORE carries a password: put the URL in a file readable by "
                         "this service only and set AUDITLIB_STORE_FILE, or keep the password "
                         "in the service's ~/.pgpass (see deploy/jupyterhub/README.md)")
    return {"AUDITLIB_STORE": url}


# one machine: every user's server runs as this system account, each in a folder of its own;
# on Kubernetes (Zero to JupyterHub) KubeSpawner takes this place, see deploy/jupyterhub/README.md
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(state / "users" / "{username}")
c.Spawner.cmd = [sys.executable, "-m", "jupyterhub.singleuser"]
c.Spawner.notebook_dir = workbooks
c.Spawner.default_url = "/voila/render/home.ipynb"
c.Spawner.environment = {
    **_store_environment(),
    # our Voilà template (no CDN) on the Jupyter path
    "JUPYTER_PATH": os.pathsep.join(filter(None, [str(share), os.environ.get("JUPYTER_PATH")])),
    # no configuration from the user's own folder can undo the lock-down
    "JUPYTERHUB_DISABLE_USER_CONFIG": "1",
    # the links the lead auditor's page generates: under the hub's address, never a token
    **({"AUDITLIB_PUBLIC_URL": os.environ["AUDITLIB_PUBLIC_URL"]}
       if os.environ.get("AUDITLIB_PUBLIC_URL") else {}),
}
c.Spawner.args = [f"--config={share / 'jupyter_server_pages_config.py'}"]
if os.geteuid() == 0:  # containers and CI run as root; a real server runs as a service account
    c.Spawner.args.append("--allow-root")
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120

# --- analysts (optional, never by default): named people who also get JupyterLab
# They can run code, so they get their own store address (a database role that can read, never
# write: AUDITLIB_ANALYST_STORE or AUDITLIB_ANALYST_STORE_FILE) and never the pages' one.
analysts = {u.strip() for u in os.environ.get("AUDITLIB_HUB_ANALYSTS", "").split(",")
            if u.strip()}
if analysts:
    # here every server runs as the service account, so an analyst's code could read the
    # service's own files (AUDITLIB_STORE_FILE, ~/.pgpass): fine for a trial, not for real data
    print("auditlib: WARNING: AUDITLIB_HUB_ANALYSTS with the one-machine spawner runs analysts' "
          "code as the service account; give analysts their own system user or pod "
          "(deploy/jupyterhub/README.md)", file=sys.stderr)


def _profile(spawner) -> None:
    if spawner.user.name not in analysts:
        return
    env = {k: v for k, v in spawner.environment.items()
           if k not in ("AUDITLIB_STORE", "AUDITLIB_STORE_FILE")}
    for key in ("AUDITLIB_ANALYST_STORE", "AUDITLIB_ANALYST_STORE_FILE"):
        if os.environ.get(key):
            env[key.replace("ANALYST_", "")] = os.environ[key]
    spawner.environment = env
    spawner.args = [a for a in spawner.args if not a.startswith("--config=")]
    spawner.default_url = "/lab"


c.Spawner.pre_spawn_hook = _profile
# --- idle servers
# Each server culls its pages' idle kernels (auditlib/share/jupyter_server_pages_config.py); the
# hub stops a whole server nobody has used for AUDITLIB_HUB_IDLE seconds (jupyterhub-idle-culler,
# run by the hub as a service), so a closed laptop does not hold a server for days. Nothing is
# lost: every change is in the store seconds after it is made. An open page that is being used
# keeps its server: the server reports its activity to the hub.
try:
    idle = int(os.environ.get("AUDITLIB_HUB_IDLE", "").strip() or IDLE_DEFAULT)
except ValueError:
    raise SystemExit("AUDITLIB_HUB_IDLE must be a number of seconds (0: never stop idle "
                     f"servers), not {os.environ['AUDITLIB_HUB_IDLE']!r}") from None
if idle < 0:
    raise SystemExit(f"AUDITLIB_HUB_IDLE must be 0 (never) or more seconds, not {idle}")
if idle > 0:
    # look often enough that a server goes within a fraction of the timeout
    every = max(1, min(300, idle // 4))
    c.JupyterHub.services = [{
        "name": "idle-culler",
        "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={idle}",
                    f"--cull-every={every}"],
    }]
    # and hear of use as often: servers report activity every 300 s by default, so with a
    # shorter timeout a server in use (a page opening, a kernel at work) would be stopped
    c.Spawner.environment["JUPYTERHUB_ACTIVITY_INTERVAL"] = str(every)
    c.JupyterHub.last_activity_interval = every
    # the least the culler needs (JupyterHub 2+ scopes): see users' servers and when each was
    # last used, and stop them; it cannot read anyone's pages or act as anyone
    c.JupyterHub.load_roles = [{
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }]
else:
    c.JupyterHub.load_roles = []
