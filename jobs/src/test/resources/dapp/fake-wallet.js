// A browser wallet for the DApp's browser tests, injected before the page's scripts. It offers what Phantom offers a
// page (window.solana: connect, signMessage, signTransaction) and signs with a real ed25519 key through the browser's
// WebCrypto; the test puts the key's 32-byte seed in place of SEED_HEX. It remembers every text it signed
// (window.solana.signed) and the number of transactions (window.solana.transactions).
(function () {
    var SEED_HEX = "__SEED_HEX__";
    var PKCS8_ED25519 = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20];
    var ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    var TRUSTED = "fake-wallet-trusted";

    function base58(bytes) {
        var digits = [0];
        for (var i = 0; i < bytes.length; i++) {
            var carry = bytes[i];
            for (var j = 0; j < digits.length; j++) {
                carry += digits[j] << 8;
                digits[j] = carry % 58;
                carry = (carry / 58) | 0;
            }
            while (carry > 0) {
                digits.push(carry % 58);
                carry = (carry / 58) | 0;
            }
        }
        var text = "";
        for (var k = 0; k < bytes.length && bytes[k] === 0; k++) {
            text += "1";
        }
        for (var d = digits.length - 1; d >= 0; d--) {
            text += ALPHABET[digits[d]];
        }
        return text;
    }

    function fromBase64Url(text) {
        var binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
        return Uint8Array.from(binary, function (c) { return c.charCodeAt(0); });
    }

    var privateKey = null;

    function key() {
        if (!privateKey) {
            var pkcs8 = new Uint8Array(48);
            pkcs8.set(PKCS8_ED25519);
            for (var i = 0; i < 32; i++) {
                pkcs8[16 + i] = parseInt(SEED_HEX.substr(2 * i, 2), 16);
            }
            privateKey = crypto.subtle.importKey("pkcs8", pkcs8, {name: "Ed25519"}, true, ["sign"]);
        }
        return privateKey;
    }

    var wallet = {
        isConnected: false,
        publicKey: null,
        signed: [],
        connect: async function (options) {
            // as Phantom: a page the owner never approved gets no silent connection
            if (options && options.onlyIfTrusted && !localStorage.getItem(TRUSTED)) {
                throw new Error("User rejected the request.");
            }
            var jwk = await crypto.subtle.exportKey("jwk", await key());
            var bytes = fromBase64Url(jwk.x);
            var address = base58(bytes);
            localStorage.setItem(TRUSTED, "yes");
            wallet.publicKey = {
                toString: function () { return address; },
                toBase58: function () { return address; },
                toBytes: function () { return bytes; }
            };
            wallet.isConnected = true;
            return {publicKey: wallet.publicKey};
        },
        signMessage: async function (message, display) {
            if (!wallet.isConnected) {
                throw new Error("the wallet is not connected");
            }
            wallet.signed.push(new TextDecoder().decode(message));
            var signature = await crypto.subtle.sign({name: "Ed25519"}, await key(), message);
            return {signature: new Uint8Array(signature), publicKey: wallet.publicKey};
        },
        transactions: 0,
        // as a wallet does: signs the message of a legacy transaction whose fee payer (first signer) is this wallet
        signTransaction: async function (transaction) {
            if (!wallet.isConnected) {
                throw new Error("the wallet is not connected");
            }
            var wire = transaction.serialize();
            var message = transaction.serializeMessage();
            var payer = base58(message.slice(4, 36));
            if (wire[0] !== 1 || message[0] !== 1 || payer !== wallet.publicKey.toString()) {
                throw new Error("not a transaction for this wallet alone to sign (fee payer " + payer + ")");
            }
            var signature = new Uint8Array(await crypto.subtle.sign({name: "Ed25519"}, await key(), message));
            var signed = new Uint8Array(wire.length);
            signed.set(wire);
            signed.set(signature, 1);
            wallet.transactions++;
            return {serialize: function () { return signed; }};
        }
    };
    window.solana = wallet;
}());
