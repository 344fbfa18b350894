// The Node DApp's only script (the pages' policy runs no inline script). It talks to the browser's Solana wallet
// through the standard provider interface (window.phantom.solana or window.solana: connect, signMessage), shows every
// text before the wallet signs it, and posts the signed request to the Hub's API, which checks it again.
"use strict";

(function () {
    var ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

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

    /** Base units as MMC, from the decimal digits of a signed text (never through a float). */
    function mmc(digits) {
        var padded = digits.padStart(10, "0");
        return padded.slice(0, -9) + "." + padded.slice(-9);
    }

    /** The numbers of a signed text ("amount:5"), read from the very text the wallet signs. */
    function fields(text) {
        var read = {};
        text.split("\n").forEach(function (line) {
            var colon = line.indexOf(":");
            if (colon > 0) {
                read[line.slice(0, colon)] = line.slice(colon + 1);
            }
        });
        return read;
    }

    function provider() {
        return (window.phantom && window.phantom.solana) || window.solana || null;
    }

    function element(id) {
        return document.getElementById(id);
    }

    function say(id, text) {
        var target = element(id);
        if (target) {
            target.textContent = text;
            target.hidden = !text;
        }
    }

    function shortened(address) {
        return address.length > 12 ? address.slice(0, 6) + "…" + address.slice(-4) : address;
    }

    var connected = null;

    /** The connected wallet's address; asks the wallet unless silently, when only an already trusted site connects. */
    async function connect(silently) {
        var wallet = provider();
        if (!wallet) {
            throw new Error("no Solana wallet in this browser");
        }
        var answer = await wallet.connect(silently ? {onlyIfTrusted: true} : undefined);
        var key = (answer && answer.publicKey) || wallet.publicKey;
        connected = key.toString();
        say("wallet-status", "Connected: " + shortened(connected));
        checkPageWallet();
        return connected;
    }

    function pageWallet() {
        var page = element("wallet-page");
        return page ? page.dataset.wallet : null;
    }

    function checkPageWallet() {
        var wallet = pageWallet();
        say("wrong-wallet", wallet && connected && connected !== wallet ? "The connected wallet is " + connected
            + "; this page is wallet " + wallet + ", whose own wallet must sign its withdrawals and claims." : "");
    }

    async function answerOf(response) {
        var type = response.headers.get("Content-Type") || "";
        if (type.indexOf("json") >= 0) {
            return response.json();
        }
        return {detail: "the Hub answered " + response.status + " " + response.statusText};
    }

    async function read(url) {
        var response = await fetch(url, {headers: {Accept: "application/json"}});
        var answer = await answerOf(response);
        if (!response.ok) {
            throw new Error(answer.detail || "the Hub answered " + response.status);
        }
        return answer;
    }

    /** Re-reads the wallet's state from the page's own address and swaps it in, keeping the messages shown. */
    async function refresh() {
        var response = await fetch(window.location.href, {headers: {Accept: "text/html"}});
        var page = new DOMParser().parseFromString(await response.text(), "text/html");
        var fresh = page.getElementById("wallet-state");
        if (response.ok && fresh) {
            element("wallet-state").replaceWith(document.adoptNode(fresh));
        }
    }

    var pending = null;

    function showSignPanel(request) {
        pending = request;
        say("action-result", "");
        say("action-error", "");
        element("sign-title").textContent = request.title;
        element("sign-text").textContent = request.text;
        element("sign-effect").textContent = request.effect;
        element("sign").disabled = false;
        element("sign-panel").hidden = false;
    }

    function closeSignPanel() {
        pending = null;
        element("sign-panel").hidden = true;
    }

    async function signAndSend() {
        var request = pending;
        element("sign").disabled = true;
        try {
            var wallet = pageWallet();
            if (connected !== wallet) {
                await connect(false);
            }
            if (connected !== wallet) {
                throw new Error("the connected wallet " + connected + " is not " + wallet + ": nothing signed");
            }
            var signed;
            try {
                signed = await provider().signMessage(new TextEncoder().encode(request.text), "utf8");
            } catch (refusal) {
                throw new Error("the wallet did not sign: " + (refusal && refusal.message || refusal));
            }
            var signature = signed && signed.signature ? signed.signature : signed;
            var response = await fetch(request.url, {
                method: "POST",
                headers: {"Content-Type": "application/json", Accept: "application/json"},
                body: request.body(base58(new Uint8Array(signature)))
            });
            var answer = await answerOf(response);
            closeSignPanel();
            if (!response.ok) {
                say("action-error", "Refused (" + response.status + "): " + (answer.detail || "no reason given"));
            } else {
                say("action-result", request.done(answer, response.status));
            }
            await refresh();
        } catch (problem) {
            element("sign").disabled = false;
            say("action-error", problem.message);
        }
    }

    async function prepareWithdrawal(amount) {
        var wallet = pageWallet();
        var prepared = await read("/dapp/wallet/" + wallet + "/withdrawal-text?amount=" + encodeURIComponent(amount));
        var signed = fields(prepared.text);
        showSignPanel({
            title: "Withdrawal request",
            text: prepared.text,
            effect: "Asks the Hub to put " + mmc(signed.amount) + " MMC of your settled rewards in its next"
                + " distribution (request number " + signed.nonce + " of this wallet). Nothing moves on chain yet.",
            url: "/api/rewards/" + wallet + "/withdrawals",
            body: function (signature) {
                return "{\"amount\":" + signed.amount + ",\"nonce\":" + signed.nonce + ",\"signature\":\""
                    + signature + "\"}";
            },
            done: function (answer) {
                return "Withdrawal #" + answer.id + " of " + mmc(signed.amount) + " MMC requested: " + answer.status
                    + ", waiting for the next distribution.";
            }
        });
    }

    async function prepareClaim() {
        var wallet = pageWallet();
        var prepared = await read("/dapp/wallet/" + wallet + "/claim-text");
        var signed = fields(prepared.text);
        showSignPanel({
            title: "Claim",
            text: prepared.text,
            effect: "Asks the Hub to pay your wallet what distribution v" + signed.version + " allows it ("
                + mmc(signed.cumulative) + " MMC in all) less what it has already paid: " + prepared.pays
                + " MMC now, from the treasury to your token account.",
            url: "/api/rewards/" + wallet + "/claims",
            body: function (signature) {
                return "{\"version\":" + signed.version + ",\"cumulative\":" + signed.cumulative
                    + ",\"signature\":\"" + signature + "\"}";
            },
            done: function (answer, status) {
                return status === 201
                    ? "Claim #" + answer.id + " paid: transaction " + answer.transaction + "."
                    : "Claim #" + answer.id + " is " + answer.status + ": its payout is not seen confirmed yet ("
                    + (answer.lastError || "waiting") + "). It is never paid twice; this page shows it once paid.";
            }
        });
    }

    /** Runs a button's action, showing what went wrong where the page shows errors. */
    function guarded(action) {
        return function (event) {
            event.preventDefault();
            var errors = element("connect-error") ? "connect-error" : "action-error";
            say(errors, "");
            action().catch(function (problem) {
                say(errors, problem.message);
            });
        };
    }

    document.addEventListener("DOMContentLoaded", function () {
        if (!provider()) {
            say("wallet-status", "No wallet in this browser");
            if (element("no-wallet")) {
                element("no-wallet").hidden = false;
            }
        } else {
            // a wallet that already trusts this site connects without a prompt; any other waits for the button
            connect(true).catch(function () {
            });
        }
        element("connect").addEventListener("click", guarded(async function () {
            var address = await connect(false);
            if (element("connect-page")) {
                window.location.assign("/dapp/wallet/" + encodeURIComponent(address));
            }
        }));
        if (!pageWallet()) {
            return;
        }
        // the wallet's state is swapped in after each action: listen where it is swapped in
        document.addEventListener("submit", function (event) {
            if (event.target.id === "withdraw-form") {
                guarded(function () {
                    return prepareWithdrawal(element("withdraw-amount").value);
                })(event);
            }
        });
        document.addEventListener("click", function (event) {
            if (event.target.id === "claim-prepare") {
                guarded(prepareClaim)(event);
            }
        });
        element("sign").addEventListener("click", guarded(signAndSend));
        element("sign-cancel").addEventListener("click", closeSignPanel);
    });
}());
