// Placetel's signature, checked before a request reaches Zammad (nginx's
// JavaScript module, njs). Placetel sends X-PLACETEL-SIGNATURE: the hex
// HMAC-SHA256 of the posted body, keyed with the shared secret. The location
// sets the secret in $placetel_secret; a valid request goes on to the named
// location @placetel-zammad, any other gets 403 and never reaches Zammad.
import crypto from 'crypto';

// Compares every character, so the time taken tells nothing about the secret.
function same(given, expected) {
    if (given.length !== expected.length) {
        return false;
    }
    let difference = 0;
    for (let i = 0; i < expected.length; i++) {
        difference |= given.charCodeAt(i) ^ expected.charCodeAt(i);
    }
    return difference === 0;
}

function problem(r) {
    const secret = r.variables.placetel_secret || '';
    const given = String(r.headersIn['X-PLACETEL-SIGNATURE'] || '').trim().toLowerCase();
    if (secret === '') {
        return 'no shared secret is set on this server';
    }
    if (given === '') {
        return 'X-PLACETEL-SIGNATURE is missing';
    }
    const body = r.requestBuffer || '';
    const expected = crypto.createHmac('sha256', secret).update(body).digest('hex');
    return same(given, expected) ? '' : 'X-PLACETEL-SIGNATURE does not match the body';
}

function verify(r) {
    const found = problem(r);
    if (found !== '') { return refuse(r, found); }
    r.internalRedirect('@placetel-zammad');
}

function refuse(r, reason) {
    r.headersOut['Content-Type'] = 'text/plain; charset=utf-8';
    r.return(403, 'Forbidden: ' + reason + '\n');
}

export default { verify };
