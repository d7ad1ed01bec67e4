from django.utils.translation import gettext_lazy as _
from rest_framework_simplejwt import authentication
from rest_framework_simplejwt.exceptions import InvalidToken
from rest_framework_simplejwt.settings import api_settings

INT4_MAX = 2**31 - 1  # auth_user.id is a PostgreSQL integer


class JWTAuthentication(authentication.JWTAuthentication):
    """simplejwt's JWTAuthentication, answering 401 for every token whose claims are not as issued.

    A validly signed token may still carry claims of the wrong type (CONTRACT.md §6, "Token
    claims"). simplejwt issues `user_id` as the id in decimal digits ("1") but hands whatever
    the claim holds to the ORM, so an object or a list there is a TypeError (a 500), while
    1, 1.5, true or "+1" are read as user 1; and it turns `exp` into a datetime without
    checking its type or range, so "exp": "soon" or a year past 9999 fail the same way. Both
    are refused here, like a bad signature.
    """

    def get_validated_token(self, raw_token):
        try:
            return super().get_validated_token(raw_token)
        except (TypeError, ValueError, OverflowError) as exc:  # exp/iat/nbf of the wrong type or range
            raise InvalidToken(_("Given token not valid for any token type")) from exc

    def get_user(self, validated_token):
        user_id = validated_token.get(api_settings.USER_ID_CLAIM)
        if not (isinstance(user_id, str) and _is_decimal_id(user_id)):
            raise InvalidToken(_("Token contained no recognizable user identification"))
        return super().get_user(validated_token)


def _is_decimal_id(text):
    """An id as simplejwt writes it: ASCII digits, no sign, space or leading zero, within int4."""
    return text.isascii() and text.isdigit() and not text.startswith("0") and len(text) <= 10 and int(text) <= INT4_MAX
