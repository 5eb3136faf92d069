"""RTE access tokens: JWTs issued by the EnreachAPI side, checked by the hub.

A token names its user and organisation and carries ``exp``. Times come from
the tenant's clock, so a test can expire a token by advancing virtual time.
The hub checks a token only when a connection is made (negotiate and the
WebSocket upgrade), never during a live connection, as the document says.

Signed HS256 with a key made when the surface starts: tokens do not survive a
restart of the emulator, which real clients handle anyway (they fetch a new
token for every reconnect).
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timezone


ISSUER = "ccemu-enreachapi"
AUDIENCE = "rte"
ALGORITHM = "HS256"


class TokenRejected(Exception):
    """Why a token was refused, as ASP.NET's JWT handler says it in ``WWW-Authenticate``."""

    def __init__(self, description: str = "") -> None:
        super().__init__(description)
        self.description = description

    @property
    def www_authenticate(self) -> str:
        if not self.description:
            return "Bearer"
        return f'Bearer error="invalid_token", error_description="{self.description}"'


@dataclass(frozen=True, slots=True)
class Claims:
    tenant_id: str
    organization_id: str
    user_id: str          # GUID
    username: str
    expires: float


class TokenAuthority:
    def __init__(self, key: bytes | None = None) -> None:
        self._key = key or secrets.token_bytes(32)

    def issue(self, *, tenant, organization_id: str, user_id: str, username: str, lifetime: float) -> str:
        now = tenant.clock.now()
        claims = {
            "iss": ISSUER, "aud": AUDIENCE,
            "sub": user_id, "UserId": user_id, "OrganizationId": organization_id,
            "unique_name": username,
            "iat": int(now), "nbf": int(now), "exp": int(now + lifetime),
            "jti": secrets.token_hex(8),
        }
        import jwt   # PyJWT loads its crypto backends: only when the first token is made
        return jwt.encode(claims, self._key, algorithm=ALGORITHM)

    def verify(self, token: str | None, tenants, surface: str, skew: float | None = None) -> Claims:
        """The token's claims, or TokenRejected. ``exp`` is checked on the tenant's clock."""
        if not token:
            raise TokenRejected()
        import jwt
        try:
            claims = jwt.decode(token, self._key, algorithms=[ALGORITHM], audience=AUDIENCE, issuer=ISSUER,
                                options={"verify_exp": False, "verify_nbf": False, "verify_iat": False,
                                         "require": ["exp", "sub", "OrganizationId"]})
        except jwt.InvalidSignatureError:
            raise TokenRejected("The signature is invalid") from None
        except jwt.InvalidAudienceError:
            raise TokenRejected("The audience is invalid") from None
        except jwt.InvalidIssuerError:
            raise TokenRejected("The issuer is invalid") from None
        except jwt.PyJWTError:
            raise TokenRejected("The token is malformed") from None
        tenant = tenants.by_credential(surface, "org:" + str(claims["OrganizationId"]))
        if tenant is None:
            raise TokenRejected("The organization is unknown")
        from .settings import settings_of
        leeway = settings_of(tenant).clock_skew if skew is None else skew
        expires = float(claims["exp"])
        if tenant.clock.now() > expires + leeway:
            raise TokenRejected(f"The token expired at '{_dotnet_time(expires)}'")
        return Claims(tenant.id, str(claims["OrganizationId"]), str(claims["sub"]).lower(),
                      str(claims.get("unique_name", "")), expires)


def _dotnet_time(epoch: float) -> str:
    """``MM/dd/yyyy HH:mm:ss``, the invariant-culture form ASP.NET puts in the header."""
    return datetime.fromtimestamp(epoch, tz=timezone.utc).strftime("%m/%d/%Y %H:%M:%S")
