"""Settings: the private-host policy and the database URL check."""

from __future__ import annotations

import ipaddress

import pytest
from pydantic import ValidationError

from newsflow.connectors.addresses import PrivateHostPolicy
from newsflow.settings import Settings


@pytest.mark.parametrize("raw", ["", "false", "0", None, False])
def test_default_policy_allows_nothing(raw):
    policy = PrivateHostPolicy.parse(raw)
    assert not policy.allows_ip(ipaddress.ip_address("127.0.0.1")) and not policy.allows_host("localhost")


def test_true_allows_everything():
    assert PrivateHostPolicy.parse("true").allows_ip(ipaddress.ip_address("10.1.2.3"))


def test_list_allows_exactly_those_hosts_and_networks():
    policy = PrivateHostPolicy.parse("127.0.0.1, intranet.local, 10.0.0.0/8")
    assert policy.allows_ip(ipaddress.ip_address("127.0.0.1"))
    assert not policy.allows_ip(ipaddress.ip_address("127.0.0.2"))
    assert policy.allows_ip(ipaddress.ip_address("10.9.9.9"))
    assert policy.allows_host("INTRANET.local") and not policy.allows_host("other.local")


def test_database_url_must_be_a_url():
    with pytest.raises(ValidationError, match="SQLAlchemy URL"):
        Settings(database_url="newsflow.db")
