"""Checks that deploy/ configures `signpost serve` only with settings that exist, and wires up
what it names. Usage: check_settings.py SERVE_HELP_FILE. Prints one line per problem; exits 1
when there is any.

- every environment variable given to a Signpost container (the Dockerfile's ENV, the compose
  file's `environment`, the Kubernetes ConfigMap and container `env`) and every `--flag` in a
  container's command or args appears in `signpost serve --help`;
- docs/deploy.md's configuration table names every variable `serve --help` shows;
- the nginx upstreams are compose services, the compose file's local files exist, and
  kustomization.yaml lists every manifest in deploy/k8s and nothing else.
"""

import pathlib
import re
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
problems = []


def problem(text):
    problems.append(text)


def dockerfile_env():
    text = (DEPLOY / "Dockerfile").read_text().replace("\\\n", " ")
    names = []
    for line in text.splitlines():
        if line.strip().startswith("ENV "):
            names += re.findall(r"([A-Z_][A-Z0-9_]*)=", line)
    return {"Dockerfile ENV": names}


def flags_in(words):
    return [w.split("=")[0] for w in words or [] if isinstance(w, str) and w.startswith("--")]


def compose_settings():
    compose = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())
    found = {}
    for name, service in compose["services"].items():
        if "signpost" not in str(service.get("image", "")):
            continue
        env = service.get("environment") or {}
        names = list(env) if isinstance(env, dict) else [e.split("=")[0] for e in env]
        found[f"compose {name}"] = names + flags_in(service.get("command"))
    if not found:
        problem("docker-compose.yml runs no signpost service")
    return compose, found


def k8s_documents():
    for path in sorted((DEPLOY / "k8s").glob("*.yaml")):
        for document in yaml.safe_load_all(path.read_text()):
            if document:
                yield path.name, document


def k8s_settings():
    found = {}
    for file, document in k8s_documents():
        if document.get("kind") == "ConfigMap":
            found[f"{file} data"] = list(document.get("data") or {})
        containers = (
            document.get("spec", {}).get("template", {}).get("spec", {}).get("containers", [])
        )
        for container in containers:
            names = [e["name"] for e in container.get("env", [])]
            names += flags_in(container.get("command")) + flags_in(container.get("args"))
            found[f"{file} container {container['name']}"] = names
    return found


def check_against_help(settings, help_text):
    for where, names in settings.items():
        for name in names:
            if name not in help_text:
                problem(f"{where}: {name} is not in `signpost serve --help`")


def check_docs_table(help_text):
    docs = (ROOT / "docs" / "deploy.md").read_text()
    for variable in sorted(set(re.findall(r"\[env: ([A-Z_]+)=", help_text))):
        if f"`{variable}`" not in docs:
            problem(f"docs/deploy.md does not describe {variable}")


def check_wiring(compose):
    services = set(compose["services"])
    nginx = (DEPLOY / "nginx.conf").read_text()
    for upstream in re.findall(r"^\s*server\s+([\w.-]+):\d+", nginx, re.M):
        if upstream not in services:
            problem(f"nginx.conf proxies to {upstream}, which is no compose service")
    for name, service in compose["services"].items():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("."):
                if not (DEPLOY / source).exists():
                    problem(f"compose {name} mounts {source}, which does not exist")
            elif source not in (compose.get("volumes") or {}):
                problem(f"compose {name} uses volume {source}, which is not declared")
        build = service.get("build")
        if build and not (DEPLOY / build["context"] / build["dockerfile"]).is_file():
            problem(f"compose {name} builds from a Dockerfile that does not exist")
    kustomization = yaml.safe_load((DEPLOY / "k8s" / "kustomization.yaml").read_text())
    listed = set(kustomization.get("resources", []))
    present = {p.name for p in (DEPLOY / "k8s").glob("*.yaml")} - {"kustomization.yaml"}
    for missing in sorted(listed - present):
        problem(f"kustomization.yaml lists {missing}, which does not exist")
    for unlisted in sorted(present - listed):
        problem(f"kustomization.yaml leaves out {unlisted}")


def main():
    help_text = pathlib.Path(sys.argv[1]).read_text()
    compose, compose_found = compose_settings()
    settings = {**dockerfile_env(), **compose_found, **k8s_settings()}
    if sum(len(names) for names in settings.values()) < 10:
        problem(f"too few settings found to check: {settings}")
    check_against_help(settings, help_text)
    check_docs_table(help_text)
    check_wiring(compose)
    for line in problems:
        print(f"deploy: {line}")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
