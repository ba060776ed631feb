# msaspec itself as a container image, for `msaspec run --host …` from any CI (no Docker inside: the
# built-in targets need a Docker Engine, a live host does not). Built FROM the project's own Debian 13
# base image, never from a registry, by `npm run image` (scripts/container-image.ts), which stages
# the build context: the npm package (`npm pack`) installed with its runtime dependencies only, in
# opt/node_modules/. Node.js is Debian 13's (20.19).
#
#   npm run image
#   docker run --rm --network host -v "$PWD:/data" -e MSASPEC_PASSWORD \
#     msaspec/msaspec:<version> run --host mail.example.org --user alice --ca ca.pem
ARG BASE=msaspec/base:trixie
FROM ${BASE}

ENV DEBIAN_FRONTEND=noninteractive

# Exact Debian versions, as in the target images (README "Package pins").
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends \
        nodejs=20.19.2+dfsg-1+deb13u3 \
        libnode115=20.19.2+dfsg-1+deb13u3 \
        ca-certificates=20250419+deb13u1; \
    apt-get clean; \
    rm -rf /var/lib/apt/lists/*

COPY opt/node_modules/ /opt/msaspec/node_modules/
RUN ln -s /opt/msaspec/node_modules/msaspec/bin/msaspec.js /usr/local/bin/msaspec; \
    msaspec --version

# Reports go to ./msaspec-report under /data: mount the folder that should receive them there.
WORKDIR /data
ENTRYPOINT ["msaspec"]
CMD ["--help"]
