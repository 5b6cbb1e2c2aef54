#!/usr/bin/env bash
# Writes the image's SBOM: one CycloneDX 1.6 JSON document listing
#   - the app's NuGet packages (the CycloneDX dotnet tool from dotnet-tools.json, over src/Web and the
#     projects it references), and
#   - the Debian packages of the runtime base, read from the image's /var/lib/dpkg/status.d/ (written by
#     docker/base/build-runtime-base.sh from the .debs it unpacks: name, version, architecture, source),
#     each with a purl pkg:deb/debian/NAME@VERSION?arch=ARCH&distro=debian-12 (the distribution comes from the
#     image's os-release when it has one, e.g. Microsoft's Ubuntu chiseled bases; our distroless base has none).
#
# Usage: docker/sbom.sh --image IMAGE --output FILE [--name REPO] [--version VERSION]
#        docker/sbom.sh --status-dir DIR --output FILE [...]   (status files already extracted; used by tests)
# Env: DOCKER / ENGINE as in build.sh (the CLI that holds IMAGE locally), SOURCE_DATE_EPOCH (the document's
#      timestamp; default: the commit time, so the same commit gives the same document), DEB_DISTRO (ID-VERSION_ID,
#      default from the image's os-release, else debian-12).
# Needs: dotnet (SDK of global.json), jq.
set -euo pipefail

log() { printf '[sbom] %s\n' "$*" >&2; }
die() { printf '[sbom] ERROR: %s\n' "$*" >&2; exit 1; }

IMAGE="" STATUS_DIR="" OUTPUT="" NAME="" VERSION_ARG=""
while (($#)); do
    case $1 in
        --image) IMAGE=${2:?}; shift ;;
        --status-dir) STATUS_DIR=${2:?}; shift ;;
        --output) OUTPUT=${2:?}; shift ;;
        --name) NAME=${2:?}; shift ;;
        --version) VERSION_ARG=${2:?}; shift ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) die "unknown argument: $1 (see --help)" ;;
    esac
    shift
done
[[ -n $OUTPUT ]] || die "--output FILE is required"
[[ -n $IMAGE || -n $STATUS_DIR ]] || die "--image IMAGE or --status-dir DIR is required"
command -v jq >/dev/null || die "jq is required (apt-get install jq)"
command -v dotnet >/dev/null || die "the dotnet SDK is required for the NuGet part of the SBOM"

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
NAME="${NAME:-${IMAGE%%[:@]*}}"; NAME="${NAME:-fakeshop/web}"
if [[ -z ${SOURCE_DATE_EPOCH:-} ]]; then
    SOURCE_DATE_EPOCH=$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || date +%s)
fi
TIMESTAMP=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)

# ---- Debian packages: the status files the runtime base recorded for every .deb it unpacked.
if [[ -n $IMAGE ]]; then
    CLI="${DOCKER:-docker}"; [[ ${ENGINE:-docker} == podman ]] && CLI=podman
    # No shell in a distroless image, so nothing is run: create a stopped container and copy the folder out.
    cid=$("$CLI" create "$IMAGE" 2>"$WORK/create.err") || die "cannot create a container from $IMAGE: $(cat "$WORK/create.err")"
    if "$CLI" cp "$cid:/var/lib/dpkg/status.d" - 2>"$WORK/cp.err" > "$WORK/status.tar"; then
        mkdir -p "$WORK/extract" && tar -xf "$WORK/status.tar" -C "$WORK/extract"
        STATUS_DIR="$WORK/extract/status.d"
    else
        "$CLI" rm -f "$cid" >/dev/null 2>&1 || true
        die "$IMAGE has no /var/lib/dpkg/status.d (built on a base other than docker/base/build-runtime-base.sh?): $(cat "$WORK/cp.err")"
    fi
    for release in /etc/os-release /usr/lib/os-release; do
        if [[ -z ${DEB_DISTRO:-} ]] && "$CLI" cp -L "$cid:$release" - 2>/dev/null | tar -xO > "$WORK/os-release" 2>/dev/null \
            && [[ -s $WORK/os-release ]]; then
            id=$(sed -n 's/^ID="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$WORK/os-release")
            version_id=$(sed -n 's/^VERSION_ID="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$WORK/os-release")
            [[ -n $id && -n $version_id ]] && DEB_DISTRO="$id-$version_id"
        fi
    done
    "$CLI" rm -f "$cid" >/dev/null 2>&1 || true
fi
DISTRO="${DEB_DISTRO:-debian-12}"
[[ -d $STATUS_DIR ]] || die "status directory $STATUS_DIR not found"

# One JSON object per status file; purl version/qualifiers percent-encoded where the purl spec requires
# (':' in an epoch), '+' and '~' kept as Debian writes them, like other scanners do.
for f in "$STATUS_DIR"/*; do
    [[ -f $f ]] || continue
    jq -Rn --arg distro "$DISTRO" '
        [inputs | capture("^(?<k>[A-Za-z-]+): (?<v>.*)$")] | map({(.k): .v}) | add
        | select(.Package != null and .Version != null)
        | (.Source // .Package | sub(" .*$"; "")) as $src
        | ("pkg:deb/" + ($distro | sub("-.*$"; "")) + "/" + .Package + "@" + (.Version | gsub(":"; "%3A")) + "?arch=" + (.Architecture // "all") + "&distro=" + $distro) as $purl
        | {type: "library", "bom-ref": $purl, name: .Package, version: .Version, purl: $purl}
          + (if .Maintainer then {publisher: .Maintainer} else {} end)
          + {properties: [{name: "debian:architecture", value: (.Architecture // "all")}, {name: "debian:source", value: $src}]}' < "$f"
done | jq -s 'sort_by(.name)' > "$WORK/debs.json"
deb_count=$(jq length "$WORK/debs.json")
((deb_count > 0)) || die "no Debian packages found in $STATUS_DIR"

# ---- NuGet packages of the app (restores src/Web and its project references; no network beyond NuGet).
(cd "$ROOT" && dotnet tool restore >/dev/null) || die "dotnet tool restore failed (CycloneDX tool from dotnet-tools.json)"
(cd "$ROOT" && dotnet tool run dotnet-CycloneDX src/Web/FakeShop.Web.csproj --recursive --exclude-test-projects \
    --no-serial-number --spec-version 1.6 --output-format Json --set-version "${VERSION_ARG:-0.0.0}" \
    --output "$WORK" --filename nuget.cdx.json >"$WORK/cyclonedx.log" 2>&1) \
    || { cat "$WORK/cyclonedx.log" >&2; die "the CycloneDX tool failed"; }
nuget_count=$(jq '.components | length' "$WORK/nuget.cdx.json")

# ---- Merge: the container is the subject; it holds the app (with its NuGet dependency graph) and the debs.
mkdir -p "$(dirname "$OUTPUT")"
jq -n --slurpfile nuget "$WORK/nuget.cdx.json" --slurpfile debs "$WORK/debs.json" \
      --arg name "$NAME" --arg version "${VERSION_ARG:-0.0.0}" --arg ts "$TIMESTAMP" '
    ($nuget[0]) as $n | ($debs[0]) as $d
    | ("container:" + $name + "@" + $version) as $root
    | {
        bomFormat: "CycloneDX", specVersion: "1.6", version: 1,
        metadata: {
          timestamp: $ts,
          tools: $n.metadata.tools,
          component: {type: "container", "bom-ref": $root, name: $name, version: $version}
        },
        components: ([$n.metadata.component + {type: "application"}] + ($n.components // []) + $d),
        dependencies: (($n.dependencies // []) + [{ref: $root, dependsOn: ([$n.metadata.component["bom-ref"]] + ($d | map(.["bom-ref"])))}])
      }' > "$OUTPUT"
log "wrote $OUTPUT: $nuget_count NuGet and $deb_count Debian packages"
