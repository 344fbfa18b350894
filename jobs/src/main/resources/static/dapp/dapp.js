// The Node DApp's only script (the pages' policy runs no inline script). It talks to the browser's Solana wallet
// through the standard provider interface (window.phantom.solana or window.solana: connect, signMessage,
// signTransaction), shows every text and transaction before the wallet signs it, and posts the signed request to the
// Hub's API, which checks it again.
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

    /** MMC as typed ("1.5") to base units as decimal digits, exactly (never through a float); null if malformed. */
    function baseUnits(text) {
        var parts = /^\s*(\d+)(?:\.(\d{1,9}))?\s*$/.exec(text);
        if (!parts) {
            return null;
        }
        var digits = (parts[1] + (parts[2] || "").padEnd(9, "0")).replace(/^0+/, "");
        return digits || "0";
    }

    function base64(bytes) {
        var binary = "";
        bytes.forEach(function (b) {
            binary += String.fromCharCode(b);
        });
        return btoa(binary);
    }

    function fromBase64(text) {
        return Uint8Array.from(atob(text), function (c) {
            return c.charCodeAt(0);
        });
    }

    /**
     * A legacy transaction as a wallet's signTransaction takes it, without a client library: its wire bytes with the
     * fee payer's signature slot empty, and the message after the signature slots.
     */
    function unsignedTransaction(wire) {
        return {
            serialize: function () {
                return wire;
            },
            serializeMessage: function () {
                return wire.slice(1 + 64 * wire[0]);
            }
        };
    }

    /**
     * Refuses a stake transaction that does not say what the page shows: its fee payer (first account) must be the
     * wallet, its accounts must hold the source and the vault, and its data the memo.
     */
    function checkStakeTransaction(offer, wire) {
        var message = wire.slice(1 + 64 * wire[0]);
        var count = message[3];
        var keys = [];
        for (var i = 0; i < count; i++) {
            keys.push(base58(message.slice(4 + 32 * i, 36 + 32 * i)));
        }
        var memo = new TextEncoder().encode(offer.memo);
        var text = Array.from(message).join(",");
        var problems = [];
        if (keys[0] !== offer.wallet) {
            problems.push("its fee payer is " + keys[0]);
        }
        [offer.source, offer.vault, offer.mint].forEach(function (account) {
            if (keys.indexOf(account) < 0) {
                problems.push("it does not name " + account);
            }
        });
        if (("," + text + ",").indexOf("," + Array.from(memo).join(",") + ",") < 0) {
            problems.push("it carries no memo '" + offer.memo + "'");
        }
        if (count >= 128 || problems.length > 0) {
            throw new Error("the Hub's stake transaction is not the one described: " + problems.join("; "));
        }
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
        element("sign-intro").textContent = request.intro || "Your wallet will sign exactly this text, in UTF-8, lines"
            + " separated by a line feed. Read it: it is the whole of what you authorise.";
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
            var body;
            try {
                body = await request.sign(provider(), request.text);
            } catch (refusal) {
                throw new Error("the wallet did not sign: " + (refusal && refusal.message || refusal));
            }
            var response = await fetch(request.url, {
                method: "POST",
                headers: {"Content-Type": "application/json", Accept: "application/json"},
                body: body
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

    /** Signs the request's text as it is shown; the body to post, with the base58 signature. */
    function signingText(body) {
        return async function (wallet, text) {
            var signed = await wallet.signMessage(new TextEncoder().encode(text), "utf8");
            var signature = signed && signed.signature ? signed.signature : signed;
            return body(base58(new Uint8Array(signature)));
        };
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
            sign: signingText(function (signature) {
                return "{\"amount\":" + signed.amount + ",\"nonce\":" + signed.nonce + ",\"signature\":\""
                    + signature + "\"}";
            }),
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
            sign: signingText(function (signature) {
                return "{\"version\":" + signed.version + ",\"cumulative\":" + signed.cumulative
                    + ",\"signature\":\"" + signature + "\"}";
            }),
            done: function (answer, status) {
                return status === 201
                    ? "Claim #" + answer.id + " paid: transaction " + answer.transaction + "."
                    : "Claim #" + answer.id + " is " + answer.status + ": its payout is not seen confirmed yet ("
                    + (answer.lastError || "waiting") + "). It is never paid twice; this page shows it once paid.";
            }
        });
    }

    async function prepareStake(node, amount) {
        var wallet = pageWallet();
        var units = baseUnits(amount);
        if (!units || units === "0") {
            throw new Error("amount '" + amount + "' is not an amount of MMC above 0 with at most 9 decimals");
        }
        var response = await fetch("/api/staking/nodes/" + encodeURIComponent(node) + "/stake-transactions", {
            method: "POST",
            headers: {"Content-Type": "application/json", Accept: "application/json"},
            body: "{\"wallet\":\"" + wallet + "\",\"amount\":" + units + "}"
        });
        var offer = await answerOf(response);
        if (!response.ok) {
            throw new Error("Refused (" + response.status + "): " + (offer.detail || "no reason given"));
        }
        checkStakeTransaction(offer, fromBase64(offer.transaction));
        showSignPanel({
            title: "Stake transaction",
            intro: "Your wallet will sign a Solana transaction that does this (this page checked its fee payer,"
                + " accounts and memo against what it shows); your wallet shows the transaction as well.",
            text: "Transfer " + mmc(units) + " MMC (" + units + " base units)\nfrom your token account " + offer.source
                + "\nto the stake vault " + offer.vault + "\nmint " + offer.mint + "\nmemo: " + offer.memo
                + "\nfee payer: " + offer.wallet + "\nvalid until block height " + offer.lastValidBlockHeight,
            effect: offer.summary + " Your wallet shows the transaction it signs: it must say the same.",
            url: "/api/staking/nodes/" + encodeURIComponent(node) + "/stakes",
            sign: async function (provider) {
                var signed = await provider.signTransaction(unsignedTransaction(fromBase64(offer.transaction)));
                var bytes = typeof signed.serialize === "function" ? signed.serialize() : signed;
                return "{\"amount\":" + units + ",\"transaction\":\"" + base64(new Uint8Array(bytes)) + "\"}";
            },
            done: function (answer, status) {
                return status === 201
                    ? "Stake of " + mmc(units) + " MMC for node " + node + " " + answer.transfer.status
                    + (answer.transfer.reason ? " (" + answer.transfer.reason + ")" : "") + " in transaction "
                    + answer.signature + "."
                    : "Stake sent in transaction " + answer.signature + ", not seen confirmed yet: the Hub counts it"
                    + " once it reads it confirmed.";
            }
        });
    }

    async function prepareUnstake(node, amount) {
        var wallet = pageWallet();
        var prepared = await read("/dapp/wallet/" + wallet + "/unstake-text?node=" + encodeURIComponent(node)
            + "&amount=" + encodeURIComponent(amount));
        var signed = fields(prepared.text);
        showSignPanel({
            title: "Unstake",
            text: prepared.text,
            effect: "Takes " + mmc(signed.amount) + " MMC off node " + signed.node + "'s stake at once; the vault pays"
                + " them back to your token account after the cool-down.",
            url: "/api/staking/nodes/" + encodeURIComponent(node) + "/unstakes",
            sign: signingText(function (signature) {
                return "{\"wallet\":\"" + wallet + "\",\"amount\":" + signed.amount + ",\"nonce\":" + signed.nonce
                    + ",\"signature\":\"" + signature + "\"}";
            }),
            done: function (answer) {
                return "Unstake #" + answer.id + " of " + mmc(signed.amount) + " MMC accepted: " + answer.status
                    + ", paid back from " + answer.dueAt + ".";
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
        document.addEventListener("submit", function (event) {
            if (event.target.id === "stake-form") {
                guarded(function () {
                    return prepareStake(element("stake-node").value, element("stake-amount").value);
                })(event);
            }
        });
        document.addEventListener("click", function (event) {
            if (event.target.id === "claim-prepare") {
                guarded(prepareClaim)(event);
            } else if (event.target.id === "unstake-prepare") {
                guarded(function () {
                    return prepareUnstake(element("stake-node").value, element("stake-amount").value);
                })(event);
            }
        });
        element("sign").addEventListener("click", guarded(signAndSend));
        element("sign-cancel").addEventListener("click", closeSignPanel);
    });
}());
