"""The deploy recipes, checked offline as far as this machine allows (no
container engine here): Dockerfile lint, compose against the Compose schema,
Kubernetes manifests against the Kubernetes schemas."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import ROOT

BIN = Path(sys.executable).parent


def run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_dockerfile_passes_hadolint_and_keeps_its_promises() -> None:
    lint = run(str(BIN / "hadolint"), "Dockerfile")
    assert lint.returncode == 0, lint.stdout + lint.stderr
    text = (ROOT / "Dockerfile").read_text()
    assert "-slim" in text.split("FROM", 1)[1].splitlines()[0]
    assert "pip install --no-cache-dir -r requirements.txt" in text  # pinned runtime requirements only
    assert "\nUSER 10001\n" in text
    assert "HEALTHCHECK" in text and "/_stcore/health" in text
    assert "chromium" not in text.lower() and "requirements-dev" not in text
    assert "STANCEMAP_DATASET" in text


def test_compose_matches_the_compose_schema_and_runs_replicas_behind_haproxy() -> None:
    check = run(str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.compose-spec", "compose.yaml")
    assert check.returncode == 0, check.stdout + check.stderr
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    apps = [name for name in compose["services"] if name.startswith("app")]
    assert len(apps) == 3
    config = (ROOT / "deploy" / "haproxy.cfg").read_text()
    assert all(f"server {name} {name}:8501" in config for name in apps)
    assert "./deploy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro" in compose["services"]["balancer"]["volumes"]


def test_kubernetes_manifests_validate_offline_with_probes_affinity_and_autoscaling() -> None:
    path = ROOT / "deploy" / "k8s" / "stancemap.yaml"
    check = run(str(BIN / "kubernetes-validate"), "--strict", str(path))
    assert check.returncode == 0, check.stdout + check.stderr
    docs = {doc["kind"]: doc for doc in yaml.safe_load_all(path.read_text())}
    assert set(docs) == {"Deployment", "Service", "Ingress", "HorizontalPodAutoscaler"}
    container = docs["Deployment"]["spec"]["template"]["spec"]["containers"][0]
    assert container["readinessProbe"]["httpGet"]["path"] == "/_stcore/health"
    assert container["livenessProbe"]["httpGet"]["path"] == "/_stcore/health"
    assert docs["Ingress"]["metadata"]["annotations"]["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert docs["HorizontalPodAutoscaler"]["spec"]["metrics"][0]["resource"]["name"] == "cpu"
