"""Ed25519 signing with a chosen nonce, for vectors only.

RFC 8032 signing is deterministic: the nonce r is a hash of the key and the
message, so `cryptography` gives one signature per (key, message). An author
who picks r themself (RFC 8032 does not forbid verifying such signatures)
gets another valid signature of the same id: the vectors need one to show
what a replica does with two copies of one event that differ only in `sig`.
The arithmetic is RFC 8032 section 6's reference code; slow, and never used
for anything but building vectors.
"""

import hashlib

P = 2**255 - 19
L = 2**252 + 27742317777372353535851937790883648493
_D = -121665 * pow(121666, P - 2, P) % P
_I = pow(2, (P - 1) // 4, P)


def _inv(x):
    return pow(x, P - 2, P)


def _xrecover(y):
    xx = (y * y - 1) * _inv(_D * y * y + 1)
    x = pow(xx, (P + 3) // 8, P)
    if (x * x - xx) % P != 0:
        x = x * _I % P
    return P - x if x % 2 else x


_BY = 4 * _inv(5) % P
_B = (_xrecover(_BY), _BY)


def _add(a, b):
    (x1, y1), (x2, y2) = a, b
    x3 = (x1 * y2 + x2 * y1) * _inv(1 + _D * x1 * x2 * y1 * y2)
    y3 = (y1 * y2 + x1 * x2) * _inv(1 - _D * x1 * x2 * y1 * y2)
    return (x3 % P, y3 % P)


def _mul(point, e):
    result = (0, 1)
    while e:
        if e & 1:
            result = _add(result, point)
        point = _add(point, point)
        e >>= 1
    return result


def _encode(point):
    x, y = point
    return (y | ((x & 1) << 255)).to_bytes(32, "little")


def sign_with_nonce(seed, message, salt):
    """A valid Ed25519 signature of `message` by the key with 32-byte `seed`,
    with the nonce derived from `salt` instead of from the key."""
    h = hashlib.sha512(seed).digest()
    a = int.from_bytes(h[:32], "little")
    a &= (1 << 254) - 8
    a |= 1 << 254
    public = _encode(_mul(_B, a))
    r = int.from_bytes(hashlib.sha512(salt + message).digest(), "little") % L
    big_r = _encode(_mul(_B, r))
    k = int.from_bytes(hashlib.sha512(big_r + public + message).digest(), "little") % L
    return big_r + ((r + k * a) % L).to_bytes(32, "little")


def unreduced(signature):
    """The same signature with S + L in place of S: it satisfies the
    verification equation, but RFC 8032 requires S < L, so it must be refused
    (otherwise anyone, not only the author, could make a second copy)."""
    s = int.from_bytes(signature[32:], "little") + L
    return signature[:32] + s.to_bytes(32, "little")
