"""Private-address guard: which resolved IPs may be contacted (SSRF protection)."""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
ALLOW_HINT = "set NEWSFLOW_ALLOW_PRIVATE_HOSTS to allow"


@dataclass(frozen=True)
class PrivateHostPolicy:
    """Which non-public hosts may be contacted: none, all, or an explicit list of hosts/networks."""

    allow_all: bool = False
    hosts: frozenset[str] = frozenset()
    networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()

    @classmethod
    def parse(cls, raw: str | bool | None) -> "PrivateHostPolicy":
        """Parse ``NEWSFLOW_ALLOW_PRIVATE_HOSTS``: empty/false, ``true``, or ``host,10.0.0.0/8,...``."""
        if raw is None or raw is False:
            return cls()
        if raw is True:
            return cls(allow_all=True)
        text = str(raw).strip()
        if text.lower() in {"", "0", "false", "no", "off"}:
            return cls()
        if text.lower() in {"1", "true", "yes", "on", "*"}:
            return cls(allow_all=True)
        hosts: set[str] = set()
        networks = []
        for item in (part.strip() for part in text.split(",")):
            if not item:
                continue
            try:
                networks.append(ipaddress.ip_network(item, strict=False))
            except ValueError:
                hosts.add(item.lower().strip("[]"))
        return cls(hosts=frozenset(hosts), networks=tuple(networks))

    def allows_host(self, host: str) -> bool:
        """True when the host name itself is explicitly allowed."""
        return self.allow_all or host.lower().strip("[]") in self.hosts

    def allows_ip(self, ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
        """True when a non-public address is explicitly allowed."""
        return self.allow_all or str(ip) in self.hosts or any(ip in net for net in self.networks)



class BlockedAddress(Exception):
    """A host resolves to a non-public address that the policy does not allow."""

    def __init__(self, host: str, ip: IPAddress, kind: str) -> None:
        self.host, self.ip, self.kind = host, ip, kind
        super().__init__(self.describe())

    def describe(self) -> str:
        """E.g. ``private address (loopback 127.0.0.2; set NEWSFLOW_ALLOW_PRIVATE_HOSTS to allow)``."""
        via = "" if self.host.strip("[]") == str(self.ip) else f" via {self.host}"
        return f"private address ({self.kind} {self.ip}{via}; {ALLOW_HINT})"


class UnresolvableHost(Exception):
    """DNS has no address for the host."""


def address_kind(ip: IPAddress) -> str | None:
    """None for a public unicast address, else what makes it non-public (e.g. ``"loopback"``)."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    checks = (
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("private", ip.is_private),
        ("reserved", ip.is_reserved),
        ("non-global", not ip.is_global),
    )
    return next((kind for kind, hit in checks if hit), None)


def resolve(host: str, port: int) -> list[IPAddress]:
    """All addresses of ``host`` (IP literals included, in any form ``getaddrinfo`` accepts)."""
    try:
        infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise UnresolvableHost(f"cannot resolve host {host}: {exc}") from None
    ips: list[IPAddress] = []
    for *_, sockaddr in infos:
        ip = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if ip not in ips:
            ips.append(ip)
    if not ips:
        raise UnresolvableHost(f"cannot resolve host {host}: no addresses")
    return ips


@dataclass(frozen=True)
class AddressGuard:
    """Resolves a host and refuses it unless every address is public or allowed by the policy."""

    policy: PrivateHostPolicy

    def check(self, host: str, port: int) -> list[IPAddress]:
        """Return the host's addresses; raise BlockedAddress or UnresolvableHost."""
        ips = resolve(host, port)
        if self.policy.allows_host(host):
            return ips
        for ip in ips:
            kind = address_kind(ip)
            if kind is not None and not self.policy.allows_ip(ip):
                raise BlockedAddress(host, ip, kind)
        return ips
