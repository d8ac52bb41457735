"""GitHub's seat rules (FORMATS.md section 6), one named test per rule and attribute.

Each test has a case that must match and one that must not.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import attrs
import pytest

from builders import cloud_csv, identity, person_of, run
from ghlicense import (
    DEFAULT_MATCHERS,
    Account,
    AccountId,
    Enterprise,
    Link,
    MatchConfigError,
    Miss,
    MissKind,
    Pipeline,
    ServerAccount,
    VerifiedEmailMatcher,
    audit,
    parse_cloud_csv,
    parse_visual_studio,
)

H = "ghes.example.com"
CLAIM_NAME = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name"
CLAIM_EMAIL = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"


def joined(result, account_id: str) -> str | None:  # type: ignore[no-untyped-def]
    return person_of(result, account_id).cloud_login


def test_rule1_one_license_across_deployments() -> None:
    """A person on GHEC and two GHES instances consumes one seat."""
    result = run(
        [{"github_com_login": "ada", "github_com_verified_domain_emails": "ada@example.com"}],
        {"a.example.com": [(1, "ada@example.com")], "b.example.com": [(2, "ada@example.com")]},
    )
    assert (result.total_seats, len(result.persons)) == (1, 1)
    assert person_of(result, "cloud:ada").deployments == (
        "github.com",
        "a.example.com",
        "b.example.com",
    )


def test_rule2_only_the_primary_email_counts() -> None:
    """A matching address that is not primary joins nothing."""
    from builders import cloud_csv
    from ghlicense import audit, parse_cloud_csv, parse_server_export

    text = (
        '{"host_name": "h.example.com", "users": [{"user_id": 1, "emails": ['
        '{"email": "ada@example.com", "primary": false}, {"email": "x@example.org", "primary": true}]},'
        '{"user_id": 2, "emails": [{"email": "ada@example.com", "primary": true}]}]}'
    )
    result = audit(
        cloud=parse_cloud_csv(
            cloud_csv(
                [
                    {
                        "github_com_login": "ada",
                        "github_com_verified_domain_emails": "ada@example.com",
                    }
                ]
            )
        ),
        servers=[parse_server_export(text)],
    )
    assert joined(result, "server:h.example.com:1") is None
    assert joined(result, "server:h.example.com:2") == "ada"


@pytest.mark.parametrize(
    ("attribute", "node"),
    [
        ("SAML " + CLAIM_NAME, identity("ada", claims={CLAIM_NAME: "ada@corp.example"})),
        ("SAML " + CLAIM_EMAIL, identity("ada", claims={CLAIM_EMAIL: "ada@corp.example"})),
        ("SAML username", identity("ada", username="ada@corp.example")),
        ("SAML NameID", identity("ada", name_id="ada@corp.example")),
        ("SAML emails", identity("ada", emails=["other@corp.example", "ada@corp.example"])),
    ],
)
def test_rule3_each_saml_attribute_matches(attribute: str, node: dict[str, object]) -> None:
    """Each attribute in GitHub's list joins a GHES account whose primary email equals it."""
    result = run(
        [{"github_com_login": "ada"}, {"github_com_login": "bob"}],
        {H: [(1, "ada@corp.example"), (2, "nobody@corp.example")]},
        identities=[node],
    )
    link = next(link for link in result.links if link.subject == f"server:{H}:1")
    assert (link.matcher, link.attribute, link.target) == ("saml", attribute, "cloud:ada")
    assert joined(result, f"server:{H}:2") is None


@pytest.mark.parametrize("value", ["octocat", "C66135153", "ada"])
def test_rule3_non_email_values_never_match(value: str) -> None:
    """A SAML value that is not an email address never matches, even when equal."""
    from ghlicense import CloudAccount, SamlAttributeMatcher

    enterprise = Enterprise(
        cloud=(CloudAccount(login="ada", saml_name_id=value),),
        server=(ServerAccount(host=H, user_id=1, primary_email=value),),
    )
    results = list(SamlAttributeMatcher().match(enterprise, enterprise.server))
    assert [type(r).__name__ for r in results] == ["Miss"]
    email = Enterprise(
        cloud=(CloudAccount(login="ada", saml_name_id=f"{value}@example.com"),),
        server=(ServerAccount(host=H, user_id=1, primary_email=f"{value}@example.com"),),
    )
    assert [type(r).__name__ for r in SamlAttributeMatcher().match(email, email.server)] == ["Link"]


def test_rule3_report_name_id_column_matches() -> None:
    """The report's SAML NameID column is the NameID of the linked identity."""
    result = run(
        [{"github_com_login": "ada", "github_com_saml_name_id": "Ada@Corp.example"}],
        {H: [(1, "ada@corp.example"), (2, "ada2@corp.example")]},
    )
    assert joined(result, f"server:{H}:1") == "ada"
    assert joined(result, f"server:{H}:2") is None


def test_rule3_attribute_order_decides() -> None:
    """The name claim is compared before the NameID: the first attribute in order wins."""
    result = run(
        [{"github_com_login": "ada"}, {"github_com_login": "bob"}],
        {H: [(1, "x@corp.example")]},
        identities=[
            identity("bob", name_id="x@corp.example"),
            identity("ada", claims={CLAIM_NAME: "x@corp.example"}),
        ],
    )
    assert joined(result, f"server:{H}:1") == "ada"


def test_rule3_saml_before_verified_email() -> None:
    """SAML is compared before verified emails."""
    result = run(
        [
            {"github_com_login": "ada", "github_com_saml_name_id": "x@corp.example"},
            {"github_com_login": "bob", "github_com_verified_domain_emails": "x@corp.example"},
        ],
        {H: [(1, "x@corp.example")]},
    )
    assert joined(result, f"server:{H}:1") == "ada"


def test_rule3_unlinked_identity_does_not_match() -> None:
    """An identity linked to no GHEC account joins nothing, and the reason says so."""
    result = run(
        [{"github_com_login": "ada"}],
        {H: [(1, "pending@corp.example")]},
        identities=[identity(None, name_id="pending@corp.example")],
    )
    person = person_of(result, f"server:{H}:1")
    assert person.cloud_login is None
    assert "linked to no GHEC account" in person.misses[0].reason


def test_rule3_unlinked_identities_are_named_in_the_reason() -> None:
    """Each miss names the first unlinked identity holding the email, found in one lookup."""
    result = run(
        [{"github_com_login": "ada"}],
        {H: [(1, "Pending@corp.example"), (2, "other@corp.example")]},
        identities=[
            identity(None, name_id="someone@corp.example"),
            identity(None, emails=["pending@corp.example"]),
            identity(None, name_id="pending@corp.example"),
        ],
    )
    reasons = [miss.reason for miss in person_of(result, f"server:{H}:1").misses]
    assert reasons[0] == (
        "primary email Pending@corp.example is not a SAML attribute (name, emailaddress, "
        "username, NameID, emails) of any linked identity (it is a value of the identity at "
        "/nodes/1, which is linked to no GHEC account of the report)"
    )
    assert "identity at" not in person_of(result, f"server:{H}:2").misses[0].reason


def test_rule3_scim_username_and_emails() -> None:
    """SCIM userName and emails of linked identities match (after SAML)."""
    result = run(
        [{"github_com_login": "ada"}, {"github_com_login": "bob"}],
        {H: [(1, "ada@corp.example"), (2, "bob.mail@corp.example"), (3, "no@corp.example")]},
        identities=[
            identity("ada", scim_username="ada@corp.example"),
            identity("bob", scim_emails=["bob.mail@corp.example"]),
        ],
    )
    assert [joined(result, f"server:{H}:{i}") for i in (1, 2, 3)] == ["ada", "bob", None]
    assert {link.matcher for link in result.links} == {"scim"}


def test_rule4_verified_email() -> None:
    """A primary email equal to a verified email joins; one that is not verified does not."""
    result = run(
        [{"github_com_login": "ada", "github_com_verified_domain_emails": "ada@example.com"}],
        {H: [(1, "ada@example.com"), (2, "ada@example.org")]},
    )
    assert joined(result, f"server:{H}:1") == "ada"
    other = person_of(result, f"server:{H}:2")
    assert other.cloud_login is None
    assert [m.reason for m in other.misses] == [
        "SAML is not in use",
        "primary email ada@example.org is not a verified email of any GHEC account",
    ]


@pytest.mark.parametrize(
    ("ghes_email", "matches"),
    [
        ("ADA.Lovelace@EXAMPLE.com", True),
        ("  ada.lovelace@example.com ", True),
        ("adalovelace@example.com", False),
        ("ada.lovelace+ghes@example.com", False),
    ],
)
def test_rule5_case_insensitive_no_other_folding(ghes_email: str, matches: bool) -> None:
    """Case and surrounding spaces are ignored; dots and +tags are not folded."""
    result = run(
        [
            {
                "github_com_login": "ada",
                "github_com_verified_domain_emails": "ada.lovelace@example.com",
            }
        ],
        {H: [(1, ghes_email)]},
    )
    assert (joined(result, f"server:{H}:1") == "ada") is matches


def test_rule6_same_primary_email_on_several_instances() -> None:
    """Accounts on several instances with one primary email are one person, matched or not."""
    result = run(
        [],
        {
            "a.example.com": [(1, "x@example.com"), (2, "y@example.com")],
            "b.example.com": [(1, "X@example.com")],
        },
    )
    assert person_of(result, "server:a.example.com:1") == person_of(
        result, "server:b.example.com:1"
    )
    assert person_of(result, "server:a.example.com:2") != person_of(
        result, "server:a.example.com:1"
    )
    assert result.total_seats == 2


def test_rule6_no_email_is_its_own_person() -> None:
    """Accounts without a primary email are never joined, even to each other."""
    result = run([], {H: [(1, None), (2, None)]})
    assert len(result.persons) == 2
    assert result.total_seats == 2


def test_rule7_visual_studio_upn() -> None:
    """A UPN equal to a verified email makes the person a VS subscriber; others take no seat."""
    result = run(
        [{"github_com_login": "ada", "github_com_verified_domain_emails": "ada@example.com"}],
        vs=["ADA@example.com", "ghost@example.com"],
    )
    ada = person_of(result, "cloud:ada")
    assert (ada.license_type, ada.matched_by) == (
        "Visual Studio subscription",
        ("visual_studio_upn",),
    )
    ghost = person_of(result, "vs:ghost@example.com")
    assert (ghost.consumes_seat, ghost.cloud_login) == (False, None)
    assert result.seats_by_license_type == {"Visual Studio subscription": 1}


def test_rule7_emu_scim_username_counts_only_for_emu() -> None:
    """For EMU the linked identity's SCIM userName counts; otherwise it does not."""
    rows = [{"github_com_login": "ada_acme"}, {"github_com_login": "bob_acme"}]
    nodes = [identity("ada_acme", scim_username="ada@acme.example")]
    emu = run(rows, identities=nodes, vs=["ada@acme.example"])
    assert emu.enterprise.emu is True
    assert emu.enterprise.emu_reason == "every GHEC login ends in the shortcode _acme"
    assert person_of(emu, "vs:ada@acme.example").cloud_login == "ada_acme"
    not_emu = run(rows, identities=nodes, vs=["ada@acme.example"], emu=False)
    assert not_emu.enterprise.emu_reason == "said not to be, explicitly"
    assert person_of(not_emu, "vs:ada@acme.example").cloud_login is None


def test_rule7_emu_detection_needs_one_shortcode() -> None:
    """Logins with different suffixes are not an EMU enterprise."""
    result = run([{"github_com_login": "ada_acme"}, {"github_com_login": "bob_other"}])
    assert (result.enterprise.emu, result.enterprise.emu_reason) == (
        False,
        "the GHEC logins carry no common _shortcode suffix",
    )


def test_rule8_pending_invitations() -> None:
    """An invitation to a consumer's verified email adds no seat; one to a stranger adds one."""
    result = run(
        [
            {"github_com_login": "ada", "github_com_verified_domain_emails": "ada@example.com"},
            {
                "github_com_login": "Ada@Example.com",
                "github_com_enterprise_roles": "Pending invitation",
            },
            {
                "github_com_login": "new@example.com",
                "github_com_enterprise_roles": "Pending invitation",
            },
        ]
    )
    assert person_of(result, "invitation:ada@example.com").cloud_login == "ada"
    assert person_of(result, "invitation:new@example.com").consumes_seat is True
    assert result.total_seats == 2


def test_rule8_invitation_to_a_login_needs_a_consumer() -> None:
    """An invitation to the login of someone who consumes joins them; to a non-consumer, not."""
    from ghlicense import CloudAccount, Invitation, InvitationMatcher

    enterprise = Enterprise(
        cloud=(
            CloudAccount(login="Ada", license_type="Enterprise"),
            CloudAccount(login="bill", enterprise_roles=("Billing manager",)),
        ),
        invitations=(Invitation(invitee=" ada "), Invitation(invitee="BILL")),
    )
    results = list(InvitationMatcher().match(enterprise, enterprise.invitations))
    assert results == [
        Link(
            subject=AccountId("invitation:ada"),
            target=AccountId("cloud:ada"),
            matcher="invitation",
            attribute="login",
            value="Ada",
            subject_value="ada",
        ),
        Miss(
            subject=AccountId("invitation:bill"),
            matcher="invitation",
            kind=MissKind.INVITATION_NOT_ABSORBED,
            tried="BILL",
            key="bill",
            compared_with="consuming_logins_and_verified_emails",
        ),
    ]
    assert results[1].reason == (  # type: ignore[union-attr]
        "the invitation to BILL was not sent to the login or a verified email of anyone who "
        "already consumes a license"
    )


def test_rule9_non_consumers() -> None:
    """Billing managers without a license, unlinked VS subscriptions and suspended users take no seat."""
    from builders import cloud_csv
    from ghlicense import audit, parse_cloud_csv, parse_server_users_csv

    cloud = parse_cloud_csv(
        cloud_csv(
            [
                {
                    "github_com_login": "bill",
                    "license_type": "",
                    "github_com_enterprise_roles": "Billing manager",
                },
                {
                    "github_com_login": "owner",
                    "license_type": "",
                    "github_com_enterprise_roles": "Owner",
                },
                {
                    "github_com_login": "vs@example.com",
                    "github_com_user": "false",
                    "license_type": "Visual Studio subscription",
                    "github_com_enterprise_roles": "Unlinked Visual Studio license subscription",
                },
                {
                    "github_com_login": "member",
                    "license_type": "",
                    "github_com_enterprise_roles": "Member",
                    "github_com_member_roles": "org:Member",
                },
            ]
        )
    )
    users = parse_server_users_csv(
        "id,login,email,suspended?\n1,gone,gone@example.com,true\n", host=H
    )
    result = audit(cloud=cloud, servers=[users])
    consuming = sorted(p.key for p in result.persons if p.consumes_seat)
    assert consuming == ["cloud:member"]


def test_first_match_wins_and_two_cloud_accounts_never_merge() -> None:
    """A GHES email verified on two GHEC accounts joins only the first, with a note."""
    result = run(
        [
            {"github_com_login": "ada", "github_com_verified_domain_emails": "x@example.com"},
            {"github_com_login": "bob", "github_com_verified_domain_emails": "x@example.com"},
        ],
        {H: [(1, "x@example.com")]},
    )
    assert joined(result, f"server:{H}:1") == "ada"
    assert all(len(p.cloud) == 1 for p in result.persons if p.cloud)


@attrs.frozen
class SameLoginMatcher:
    """A custom matcher: a GHES login equal to a GHEC login."""

    name: str = "same_login"

    def match(self, enterprise: Enterprise, pending: Sequence[Account], /) -> Iterator[Link | Miss]:
        logins = {a.login: a for a in enterprise.cloud}
        for account in pending:
            if isinstance(account, ServerAccount) and account.login in logins:
                target = logins[account.login]
                yield Link(
                    subject=account.id,
                    target=target.id,
                    matcher=self.name,
                    attribute="login",
                    value=target.login,
                    subject_value=account.login,
                )


def test_pipeline_custom_matcher_and_removal() -> None:
    """Users can add their own matcher and remove built-in ones."""
    from builders import cloud_csv
    from ghlicense import audit, parse_cloud_csv, parse_server_export

    cloud = parse_cloud_csv(
        cloud_csv(
            [{"github_com_login": "ada", "github_com_verified_domain_emails": "a@example.com"}]
        )
    )
    server = parse_server_export(
        '{"host_name": "h", "users": [{"user_id": 1, "login": "ada", "emails": []}, '
        '{"user_id": 2, "emails": [{"email": "a@example.com", "primary": true}]}]}'
    )
    custom = audit(
        cloud=cloud, servers=[server], pipeline=Pipeline([*DEFAULT_MATCHERS, SameLoginMatcher()])
    )
    assert person_of(custom, "server:h:1").matched_by == ("same_login", "verified_email")
    without = [m for m in DEFAULT_MATCHERS if not isinstance(m, VerifiedEmailMatcher)]
    stripped = audit(cloud=cloud, servers=[server], pipeline=Pipeline(without))
    assert person_of(stripped, "server:h:2").cloud_login is None


def test_error_pipeline_configuration() -> None:
    """Bad pipelines are refused with a sentence saying what is wrong."""
    with pytest.raises(MatchConfigError) as caught:
        Pipeline([VerifiedEmailMatcher(), VerifiedEmailMatcher()])
    assert str(caught.value) == (
        "two matchers are named 'verified_email'; every matcher needs a name of its own."
    )
    with pytest.raises(MatchConfigError) as caught:
        Pipeline([object()])  # type: ignore[list-item]
    assert str(caught.value) == (
        "matcher 1 (object) has no name; give it a 'name' attribute holding a short text."
    )


def test_error_matcher_linking_unknown_accounts() -> None:
    """A matcher that links something it was not given is a configuration error."""

    @attrs.frozen
    class Rogue:
        name: str = "rogue"

        def match(self, enterprise: Enterprise, pending: Sequence[Account], /) -> Iterator[Link]:
            yield Link(
                subject=AccountId("server:h:9"),
                target=AccountId("cloud:ada"),
                matcher="rogue",
                attribute="x",
                value="y",
            )

    with pytest.raises(MatchConfigError) as caught:
        run([{"github_com_login": "ada"}], {"h": [(1, None)]}, pipeline=Pipeline([Rogue()]))
    assert str(caught.value) == (
        "matcher 'rogue' linked server:h:9, which was not among the accounts it was given to match."
    )


def test_reconcile_stale_sync_and_hidden_match() -> None:
    """Disagreements with GitHub's grouping are listed with their reason."""
    from ghlicense import ReportGroupingMatcher

    rows = [
        {"github_com_login": "ada", "github_com_verified_domain_emails": "ada@example.com"},
        {
            "enterprise_server_user_ids": f"1:{H}:Member",
            "enterprise_server_primary_emails": "old@example.net",
            "github_com_user": "false",
        },
        {
            "github_com_login": "bob",
            "enterprise_server_user_ids": f"2:{H}:Member",
            "enterprise_server_primary_emails": "bob@example.org",
        },
    ]
    servers = {H: [(1, "ada@example.com"), (2, "bob@example.org")]}
    result = run(rows, servers)
    (stale,) = result.disagreements
    assert (stale.account, stale.github, stale.recount) == (
        f"server:{H}:1",
        "matched to no GHEC account",
        "with ada",
    )
    assert stale.reason.endswith("Check the sync time and sync again.")
    assert person_of(result, f"server:{H}:2").matched_by == ("github_report",)

    strict = Pipeline([m for m in DEFAULT_MATCHERS if not isinstance(m, ReportGroupingMatcher)])
    recount = run(rows, servers, pipeline=strict)
    hidden = next(d for d in recount.disagreements if d.account == f"server:{H}:2")
    assert (hidden.github, hidden.recount) == ("with bob", "matched to no GHEC account")
    assert "a verified email outside the enterprise's verified domains" in hidden.reason


def test_disagreements_of_a_large_group_each_give_their_own_evidence() -> None:
    """Hundreds of accounts sharing an email, all reported with someone else: one
    disagreement each, with the evidence of the link that joined their group (worked out
    once a person, not once an account)."""
    ids = range(1, 301)
    rows = [
        {"github_com_login": "ada", "github_com_verified_domain_emails": "shared@example.com"},
        {
            "github_com_login": "bob",
            "enterprise_server_user_ids": ", ".join(f"{i}:{H}:Member" for i in ids),
            "enterprise_server_primary_emails": "shared@example.com",
        },
    ]
    result = run(rows, {H: [(i, "shared@example.com") for i in ids]})
    by_account = {d.account: d for d in result.disagreements}
    assert list(by_account) == sorted(f"server:{H}:{i}" for i in ids)  # in the enterprise's order
    for i in ids:
        disagreement = by_account[AccountId(f"server:{H}:{i}")]
        assert (disagreement.github, disagreement.recount) == ("with bob", "with ada")
        assert disagreement.reason.startswith(
            f"server:{H}:1 has 'shared@example.com', which equals the verified email "
            "'shared@example.com' of cloud:ada (matcher verified_email). GitHub's report puts "
            "it with bob instead."
        )


def test_report_rows_naming_one_server_account_are_all_kept() -> None:
    """An exported account named by several rows of the report keeps every row's login
    (a server-only row names it with none); an account no row names is not in the report."""
    rows = [
        {"github_com_login": "ada", "enterprise_server_user_ids": f"7:{H}:Member"},
        {"enterprise_server_user_ids": f"7:{H}:Member", "github_com_user": "false"},
        {"github_com_login": "bob", "enterprise_server_user_ids": f"7:{H}:Member"},
        {"github_com_login": "cy", "enterprise_server_user_ids": f"8:{H}:Member"},
    ]
    result = run(rows, {H: [(7, "x@example.com"), (8, "y@example.com"), (9, "z@example.com")]})
    server = {a.user_id: a for a in result.enterprise.server}
    assert [(i, server[i].reported_with, server[i].in_report) for i in (7, 8, 9)] == [
        (7, ("ada", "bob"), True),
        (8, ("cy",), True),
        (9, (), False),
    ]


def test_disagreements_come_in_account_order_server_accounts_first() -> None:
    """GitHub put bob's GHES account and subscription with bob; the recount joins both to
    ada (her verified email). Listed by account id: the GHES account, then the subscription."""
    rows = [
        {"github_com_login": "zed", "enterprise_server_user_ids": f"2:{H}:Member"},
        {"github_com_login": "ada", "github_com_verified_domain_emails": "ada@example.com"},
        {
            "github_com_login": "bob",
            "enterprise_server_user_ids": f"1:{H}:Member",
            "visual_studio_subscription_email": "ada@example.com",
        },
    ]
    result = run(rows, {H: [(1, "ada@example.com"), (2, "ada@example.com")]})
    assert [(d.account, d.github, d.recount) for d in result.disagreements] == [
        (f"server:{H}:1", "with bob", "with ada"),
        (f"server:{H}:2", "with zed", "with ada"),
        ("vs:ada@example.com", "with bob", "with ada"),
    ]


def test_groups_made_by_custom_matchers_join_a_ghec_account_together() -> None:
    """Two pending accounts a matcher joined leave together once one joins a GHEC account;
    a link of an account to itself makes a person of one with that link."""
    from ghlicense import CloudAccount

    def link(subject: str, target: str, matcher: str) -> Link:
        return Link(
            subject=AccountId(subject),
            target=AccountId(target),
            matcher=matcher,
            attribute="a",
            value="v",
        )

    @attrs.frozen
    class Fixed:
        name: str
        links: tuple[Link, ...]
        seen: list[tuple[str, ...]] = attrs.field(factory=list, eq=False)

        def match(self, enterprise: Enterprise, pending: Sequence[Account], /) -> Iterator[Link]:
            self.seen.append(tuple(a.id for a in pending))
            yield from self.links

    pairs = Fixed(
        "pairs",
        (link("server:h:2", "server:h:1", "pairs"), link("server:h:3", "server:h:3", "pairs")),
    )
    to_cloud = Fixed("to_cloud", (link("server:h:1", "cloud:ada", "to_cloud"),))
    spy = Fixed("spy", ())
    enterprise = Enterprise(
        cloud=(CloudAccount(login="ada", license_type="Enterprise"),),
        server=tuple(ServerAccount(host="h", user_id=i) for i in (1, 2, 3)),
    )
    result = Pipeline([pairs, to_cloud, spy]).run(enterprise)
    assert spy.seen == [("server:h:3",)]
    ada = person_of(result, "cloud:ada")
    assert [a.id for a in ada.accounts] == ["cloud:ada", "server:h:1", "server:h:2"]
    assert [(x.subject, x.matcher) for x in ada.links] == [
        ("server:h:2", "pairs"),
        ("server:h:1", "to_cloud"),
    ]
    alone = person_of(result, "server:h:3")
    assert (alone.key, alone.matched_by, len(alone.accounts)) == ("server:h:3", ("pairs",), 1)
    assert [p.key for p in result.persons] == ["cloud:ada", "server:h:3"]


# --- Visual Studio subscribers only on GHES, and usage-based billing --------------------


def test_vs_ghes_only_user_takes_the_subscription_license() -> None:
    """A GHES-only account whose primary email is a UPN is one person, a VS license."""
    result = run([], {H: [(7, "Bob@Example.com")]}, vs=["bob@example.com"])
    person = person_of(result, f"server:{H}:7")
    assert [a.id for a in person.accounts] == [f"server:{H}:7", "vs:bob@example.com"]
    assert (person.license_type, person.consumes_seat) == ("Visual Studio subscription", True)
    (link,) = person.links
    assert (link.matcher, link.subject, link.target, link.value, link.subject_value) == (
        "visual_studio_ghes",
        "vs:bob@example.com",
        f"server:{H}:7",
        "Bob@Example.com",
        "bob@example.com",
    )
    assert dict(result.seats_by_license_type) == {"Visual Studio subscription": 1}


def test_vs_ghes_only_rule_skips_suspended_accounts() -> None:
    """A suspended GHES account takes no license, so the subscription stays unused."""
    from ghlicense import parse_server_users_csv

    users = parse_server_users_csv(
        "id,login,email,suspended?\n7,bob,bob@example.com,true\n", host=H
    )
    result = audit(
        servers=[users],
        visual_studio=[parse_visual_studio("Name,Email\nBob,bob@example.com\n")],
    )
    assert person_of(result, "vs:bob@example.com").accounts == (
        person_of(result, "vs:bob@example.com").subscriptions
    )
    assert result.total_seats == 0


def test_vs_usage_based_billing_keeps_ghes_only_users_apart() -> None:
    """On usage-based billing the GHES-only user takes an Enterprise seat, the subscription none."""
    result = run([], {H: [(7, "bob@example.com")]}, vs=["bob@example.com"], billing="usage-based")
    server, subscription = (
        person_of(result, f"server:{H}:7"),
        person_of(result, "vs:bob@example.com"),
    )
    assert server is not subscription
    assert (server.license_type, subscription.consumes_seat) == ("Enterprise", False)
    assert [m.reason for m in subscription.misses] == [
        "the subscription's UPN bob@example.com is not a verified email of any GHEC account",
        "on usage-based billing a subscription counts only when matched to a GHEC account; "
        f"server:{H}:7 has the primary email bob@example.com, but is on GHES only",
    ]


def test_vs_ghec_rules_decide_first() -> None:
    """A GHES account a GHEC rule joined keeps that person, whose email is also the UPN."""
    result = run(
        [{"github_com_login": "cy", "github_com_verified_domain_emails": "cy@example.com"}],
        {H: [(5, "cy@example.com")]},
        vs=["cy@example.com"],
    )
    person = person_of(result, "vs:cy@example.com")
    assert person.cloud_login == "cy"
    assert person.matched_by == ("verified_email", "visual_studio_upn")
    assert person.license_type == "Visual Studio subscription"


def test_vs_emu_unaffiliated_user_takes_the_license() -> None:
    """An unaffiliated managed user matched by SCIM userName takes the VS license."""
    result = run(
        [
            {"github_com_login": "mona_acme", "github_com_verified_domain_emails": "m@example.com"},
            {
                "github_com_login": "hubot_acme",
                "license_type": "",
                "github_com_enterprise_roles": "Unaffiliated user",
            },
        ],
        identities=[identity("hubot_acme", scim_username="hubot@example.net")],
        vs=["hubot@example.net"],
    )
    person = person_of(result, "cloud:hubot_acme")
    assert result.enterprise.emu
    assert (person.consumes_seat, person.license_type) == (True, "Visual Studio subscription")
    unmatched = run(
        [
            {"github_com_login": "mona_acme"},
            {
                "github_com_login": "hubot_acme",
                "license_type": "",
                "github_com_enterprise_roles": "Unaffiliated user",
            },
        ]
    )
    assert person_of(unmatched, "cloud:hubot_acme").consumes_seat is False


def test_billing_inferred_from_the_usage_based_columns() -> None:
    """The report's ghe_license_* columns say usage-based; an explicit setting overrides."""
    header, row = cloud_csv([{"github_com_login": "ada"}]).splitlines()
    text = f"{header},ghe_license_active\n{row},true\n"
    report = parse_cloud_csv(text, source="usage.csv")
    inferred = audit(cloud=report).enterprise
    assert (inferred.billing, inferred.billing_reason) == (
        "usage-based",
        "inferred: usage.csv has the column ghe_license_active, which GitHub writes only on "
        "usage-based plans",
    )
    said = audit(cloud=report, billing="bundle").enterprise
    assert (said.billing, said.billing_reason) == ("bundle", "said so explicitly")
    assert audit(cloud=parse_cloud_csv(cloud_csv([]))).enterprise.billing == "bundle"


def test_error_unknown_billing() -> None:
    """A billing that is neither is refused with the two there are."""
    with pytest.raises(MatchConfigError) as caught:
        audit(billing="monthly")  # type: ignore[arg-type]
    assert str(caught.value) == "billing 'monthly' is not one of 'bundle', 'usage-based'."


# --- explanations are data ---------------------------------------------------------------


def test_miss_is_data_with_its_sentence() -> None:
    """A miss says which rule, which value and key it tried, and against what."""
    result = run(
        [{"github_com_login": "ada", "github_com_verified_domain_emails": "ada@example.com"}],
        {H: [(3, " Bob@Example.com ")]},
    )
    misses = person_of(result, f"server:{H}:3").misses
    verified = next(m for m in misses if m.matcher == "verified_email")
    assert (verified.kind, verified.tried, verified.key, verified.compared_with) == (
        MissKind.NOT_VERIFIED_EMAIL,
        "Bob@Example.com",
        "bob@example.com",
        "verified_emails",
    )
    assert verified.reason == (
        "primary email Bob@Example.com is not a verified email of any GHEC account"
    )
    assert [m.kind for m in misses] == [MissKind.SAML_NOT_IN_USE, MissKind.NOT_VERIFIED_EMAIL]


def test_custom_miss_keeps_its_own_sentence() -> None:
    """A matcher of the user's own gives its sentence; the kind is custom."""
    miss = Miss(subject=AccountId("server:h:1"), matcher="mine", reason="not in HR's list")
    assert (miss.kind, miss.reason) == (MissKind.CUSTOM, "not in HR's list")


def test_disagreement_is_data() -> None:
    """A disagreement holds GitHub's grouping and the recount as account ids, and the cause."""
    from ghlicense import DisagreementKind

    result = run(
        [
            {
                "github_com_login": "ada",
                "github_com_verified_domain_emails": "ada@example.com",
                "enterprise_server_user_ids": "",
            },
            {"github_com_login": "", "enterprise_server_user_ids": f"4:{H}:Member"},
        ],
        {H: [(4, "ada@example.com")]},
    )
    (disagreement,) = result.disagreements
    assert (disagreement.kind, disagreement.github_with, disagreement.recount_with) == (
        DisagreementKind.JOINED_SINCE_REPORT,
        None,
        "cloud:ada",
    )
    assert [link.matcher for link in disagreement.links] == ["verified_email"]
    assert (disagreement.github, disagreement.recount) == ("matched to no GHEC account", "with ada")
