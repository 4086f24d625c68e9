"""A small kustomize renderer for the subset deploy/k8s uses, so CI can validate the
overlays without kubectl: resources (files and directories), namespace, images
(name → newName:newTag) and strategic-merge patches (maps merge; lists of maps merge by
`name`; other lists are replaced, as kustomize does for fields without a merge key)."""

from copy import deepcopy
from pathlib import Path

import yaml

CLUSTER_SCOPED = {"Namespace", "ClusterRole", "ClusterRoleBinding", "PersistentVolume"}


def load_documents(path: Path) -> list[dict]:
    return [doc for doc in yaml.safe_load_all(path.read_text()) if doc]


def _merge(base, patch):
    if isinstance(base, dict) and isinstance(patch, dict):
        merged = dict(base)
        for key, value in patch.items():
            merged[key] = _merge(base[key], value) if key in base else deepcopy(value)
        return merged
    if (
        isinstance(base, list)
        and isinstance(patch, list)
        and all(isinstance(i, dict) and "name" in i for i in base + patch)
    ):
        merged = [deepcopy(i) for i in base]
        for item in patch:
            for index, existing in enumerate(merged):
                if existing["name"] == item["name"]:
                    merged[index] = _merge(existing, item)
                    break
            else:
                merged.append(deepcopy(item))
        return merged
    return deepcopy(patch)


def _key(doc: dict) -> tuple[str, str]:
    return doc["kind"], doc["metadata"]["name"]


def _containers(doc: dict) -> list[dict]:
    spec = doc.get("spec", {})
    pod = spec.get("template", {}).get("spec", {}) if "template" in spec else spec
    return pod.get("containers", []) + pod.get("initContainers", [])


def build(directory: Path) -> list[dict]:
    kustomization = yaml.safe_load((directory / "kustomization.yaml").read_text())
    docs: list[dict] = []
    for resource in kustomization.get("resources", []):
        target = (directory / resource).resolve()
        docs += build(target) if target.is_dir() else load_documents(target)
    for patch in kustomization.get("patches", []):
        for patch_doc in load_documents(directory / patch["path"]):
            matches = [i for i, doc in enumerate(docs) if _key(doc) == _key(patch_doc)]
            if len(matches) != 1:
                raise ValueError(f"patch {_key(patch_doc)} matches {len(matches)} resources")
            docs[matches[0]] = _merge(docs[matches[0]], patch_doc)
    for image in kustomization.get("images", []):
        for doc in docs:
            for container in _containers(doc):
                name = container["image"].split(":")[0]
                if name == image["name"]:
                    container["image"] = f"{image.get('newName', name)}:{image['newTag']}"
    if "namespace" in kustomization:
        for doc in docs:
            if doc["kind"] not in CLUSTER_SCOPED:
                doc["metadata"]["namespace"] = kustomization["namespace"]
    return docs
