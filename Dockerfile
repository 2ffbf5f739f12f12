# The GitHub Action's image (action.yml): SecureScan built in the Swift toolchain image with the Swift
# runtime linked in, then run from a slim Debian with the system libraries it uses, as a user without
# privileges. Package versions are Debian 12's.
FROM swift:6.2.1-bookworm AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libsqlite3-dev=3.40.1-2+deb12u2 libpcre2-dev=10.42-1+deb12u2 libhyperscan-dev=5.4.0-2 \
        libxml2-dev=2.9.14+dfsg-1.3~deb12u5 libcairo2-dev=1.16.0-7 libpango1.0-dev=1.50.12+ds-1 pkg-config=1.8.1-1 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
COPY templates ./templates
RUN swift build -c release --product securescan --static-swift-stdlib \
    && install -D -m 0755 "$(swift build -c release --show-bin-path)/securescan" /out/bin/securescan \
    && cp -R templates /out/templates

FROM debian:12.12-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        ca-certificates=20230311+deb12u1 git=1:2.39.5-0+deb12u3 libsqlite3-0=3.40.1-2+deb12u2 libpcre2-8-0=10.42-1+deb12u2 \
        libhyperscan5=5.4.0-2 libxml2=2.9.14+dfsg-1.3~deb12u5 libcairo2=1.16.0-7 libpango-1.0-0=1.50.12+ds-1 \
        libpangocairo-1.0-0=1.50.12+ds-1 fonts-dejavu-core=2.37-6 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 10001 securescan
COPY --from=build /out/bin/securescan /usr/local/bin/securescan
COPY --from=build /out/templates /usr/local/share/securescan/templates
COPY scripts/action-entrypoint.sh /usr/local/bin/securescan-action
ENV SECURESCAN_TEMPLATES=/usr/local/share/securescan/templates
USER 10001:10001
HEALTHCHECK NONE
ENTRYPOINT ["/usr/local/bin/securescan-action"]
