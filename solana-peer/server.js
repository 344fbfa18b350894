// A Solana JSON-RPC peer for the Hub's integration tests, backed by a real SVM (litesvm): transactions
// are deserialised, signature-checked and executed by the SVM with litesvm's default programs (System, Memo,
// SPL Token, Token-2022, Associated Token Account); nothing is accepted that a validator would reject. It
// implements only the methods the Hub and its tests use; the methods named mmc* are test controls that no real
// cluster has.
// Usage: node server.js <port>   (prints "listening <port>" once ready)
'use strict';
const http = require('http');
const { LiteSVM } = require('litesvm');
const { getBase58Decoder, getBase58Encoder } = require('@solana/kit');

const TOKEN_PROGRAMS = ['TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA', 'TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb'];
const TOKEN_ACCOUNT_SIZE = 165;
const MINT_SIZE = 82;

// the blockhash check is the peer's own (below): like a cluster, every block brings a new blockhash and
// older ones stay valid for BLOCKHASH_LIFETIME blocks; litesvm alone accepts only its latest one
const svm = new LiteSVM().withBlockhashCheck(false);
const base58 = getBase58Decoder();
const fromBase58 = getBase58Encoder();
const executed = new Map(); // signature -> { slot, keys (base58 account keys), logs, err, wire (base64 transaction) }
const BLOCKHASH_LIFETIME = 150n;
let slot = 1n; // one block per slot: block height = slot
const blockhashes = new Map([[svm.latestBlockhash(), slot + BLOCKHASH_LIFETIME]]); // blockhash -> last valid block height
// test controls (methods mmc*): transactions to lose, statuses hidden, methods that fail
let dropNext = 0;
let expireDropped = true;
let statusesHidden = false;
const failNext = new Map(); // method -> how many of its next calls answer with an error

function context() {
  return { slot: Number(slot) };
}

function rpcError(code, message) {
  const error = new Error(message);
  error.code = code;
  return error;
}

// `blocks` more blocks; the last one's blockhash is the latest
function advance(blocks) {
  slot += blocks;
  svm.warpToSlot(slot);
  svm.expireBlockhash();
  blockhashes.set(svm.latestBlockhash(), slot + BLOCKHASH_LIFETIME);
}

function shortVec(bytes, offset) {
  let value = 0;
  for (let size = 0; ; size += 1) {
    const byte = bytes[offset + size];
    value |= (byte & 0x7f) << (7 * size);
    if ((byte & 0x80) === 0) {
      return [value, size + 1];
    }
  }
}

// the account keys and the recent blockhash of a wire transaction
function parse(bytes) {
  const [signatures, signaturesSize] = shortVec(bytes, 0);
  let at = signaturesSize + 64 * signatures;
  if (bytes[at] & 0x80) {
    at += 1; // versioned message prefix
  }
  at += 3; // header
  const [count, countSize] = shortVec(bytes, at);
  at += countSize;
  const keys = [];
  for (let i = 0; i < count; i += 1, at += 32) {
    keys.push(base58.decode(bytes.subarray(at, at + 32)));
  }
  return { keys, blockhash: base58.decode(bytes.subarray(at, at + 32)) };
}

// an account as a cluster answers it: null when there is none, data in the encoding asked for (base64 or base58)
function encodedAccount(address, encoding) {
  const account = svm.getAccount(address);
  if (!account.exists) {
    return null;
  }
  const data = encoding === 'base58' ? base58.decode(account.data) : Buffer.from(account.data).toString('base64');
  return {
    data: [data, encoding], executable: account.executable, lamports: Number(account.lamports),
    owner: account.programAddress, rentEpoch: 0, space: account.data.length,
  };
}

function accountEncoding(config) {
  const encoding = (config && config.encoding) || 'base64';
  if (encoding !== 'base64' && encoding !== 'base58') {
    throw rpcError(-32602, 'Invalid param: encoding ' + encoding + ' is not served by this peer (base64, base58)');
  }
  return encoding;
}

// an SPL token account's amount (u64 at byte 64) with its mint's decimals (byte 44 of the mint)
function tokenAmount(address) {
  const account = svm.getAccount(address);
  if (!account.exists) {
    throw rpcError(-32602, 'Invalid param: could not find account');
  }
  if (!TOKEN_PROGRAMS.includes(account.programAddress) || account.data.length < TOKEN_ACCOUNT_SIZE) {
    throw rpcError(-32602, 'Invalid param: not a Token account');
  }
  const data = Buffer.from(account.data);
  const mint = svm.getAccount(base58.decode(data.subarray(0, 32)));
  if (!mint.exists || mint.data.length < MINT_SIZE) {
    throw rpcError(-32602, 'Invalid param: could not find mint');
  }
  const amount = data.readBigUInt64LE(64);
  const decimals = mint.data[44];
  const scale = 10n ** BigInt(decimals);
  const fraction = (amount % scale).toString().padStart(decimals, '0').replace(/0+$/, '');
  const uiAmountString = (amount / scale).toString() + (fraction ? '.' + fraction : '');
  return { amount: amount.toString(), decimals, uiAmount: Number(uiAmountString), uiAmountString };
}

function record(signature, keys, meta, err, bytes) {
  executed.set(signature, { slot: Number(slot), keys, logs: meta.logs(), err, wire: bytes ? Buffer.from(bytes).toString('base64') : null });
  advance(1n);
}

const methods = {
  getVersion: () => ({ 'solana-core': 'litesvm-1.5.0', 'feature-set': 0 }),
  getHealth: () => 'ok',
  getSlot: () => Number(slot),
  getBlockHeight: () => Number(slot),
  getLatestBlockhash: () => {
    const blockhash = svm.latestBlockhash();
    return { context: context(), value: { blockhash, lastValidBlockHeight: Number(blockhashes.get(blockhash)) } };
  },
  getBalance: ([address]) => ({ context: context(), value: Number(svm.getBalance(address) ?? 0n) }),
  getAccountInfo: ([address, config]) => ({ context: context(), value: encodedAccount(address, accountEncoding(config)) }),
  getMultipleAccounts: ([addresses, config]) => {
    const encoding = accountEncoding(config);
    return { context: context(), value: addresses.map((address) => encodedAccount(address, encoding)) };
  },
  getMinimumBalanceForRentExemption: ([size]) => Number(svm.minimumBalanceForRentExemption(BigInt(size))),
  getTokenAccountBalance: ([address]) => ({ context: context(), value: tokenAmount(address) }),
  requestAirdrop: ([address, lamports]) => {
    const result = svm.airdrop(address, BigInt(lamports));
    if (result === null || typeof result.err === 'function') {
      throw rpcError(-32600, 'airdrop failed: ' + (result ? result.err().toString() : 'no result'));
    }
    const signature = base58.decode(result.signature());
    record(signature, [address], result, null);
    return signature;
  },
  sendTransaction: ([encoded, config]) => {
    const encoding = (config && config.encoding) || 'base58';
    const bytes = encoding === 'base64' ? Buffer.from(encoded, 'base64') : Buffer.from(fromBase58.encode(encoded));
    const signature = base58.decode(bytes.subarray(1, 65));
    const { keys, blockhash } = parse(bytes);
    const lastValid = blockhashes.get(blockhash);
    if (lastValid === undefined || slot > lastValid) {
      throw rpcError(-32002, 'Transaction simulation failed: Blockhash not found');
    }
    if (dropNext > 0) {
      // lost on the way: never executed
      dropNext -= 1;
      if (expireDropped) {
        advance(lastValid - slot + 1n);
      }
      return signature;
    }
    const result = svm.inner.sendLegacyTransaction(new Uint8Array(bytes));
    if (typeof result.err === 'function') {
      const err = result.err().toString();
      throw rpcError(-32002, 'Transaction simulation failed: ' + err);
    }
    record(signature, keys, result, null, bytes);
    return signature;
  },
  getSignatureStatuses: ([signatures]) => ({
    context: context(),
    value: signatures.map((signature) => {
      const tx = statusesHidden ? undefined : executed.get(signature);
      return tx ? { slot: tx.slot, confirmations: null, err: tx.err, status: { Ok: null }, confirmationStatus: 'finalized' } : null;
    }),
  }),
  // newest first; as a cluster: at most `limit` (1 to 1000, default 1000), older than `before`, newer than `until`
  getSignaturesForAddress: ([address, config]) => {
    const { limit = 1000, before, until } = config || {};
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
      throw rpcError(-32602, 'Invalid limit; max 1000');
    }
    let history = statusesHidden ? [] : [...executed.entries()].filter(([, tx]) => tx.keys.includes(address)).reverse();
    if (before) {
      const at = history.findIndex(([signature]) => signature === before);
      history = at < 0 ? [] : history.slice(at + 1);
    }
    if (until) {
      const at = history.findIndex(([signature]) => signature === until);
      history = at < 0 ? history : history.slice(0, at);
    }
    return history.slice(0, limit)
      .map(([signature, tx]) => ({ signature, slot: tx.slot, err: tx.err, memo: null, blockTime: null, confirmationStatus: 'finalized' }));
  },
  // the wire bytes in base64 (also when no encoding is asked for, which on a cluster means json: the tests read it
  // so); json and jsonParsed are not served. Legacy transactions only, as the peer executes no others.
  getTransaction: ([signature, config]) => {
    const encoding = (config && config.encoding) || 'base64';
    if (encoding !== 'base64') {
      throw rpcError(-32602, 'Invalid param: encoding ' + encoding + ' is not served by this peer (base64)');
    }
    const tx = statusesHidden ? undefined : executed.get(signature);
    const version = config && config.maxSupportedTransactionVersion !== undefined ? { version: 'legacy' } : {};
    return tx ? {
      slot: tx.slot, blockTime: null, transaction: [tx.wire, 'base64'], ...version,
      meta: { err: tx.err, fee: 5000, logMessages: tx.logs, loadedAddresses: { writable: [], readonly: [] } },
    } : null;
  },
  // test control: the next `count` transactions are lost; unless `expire` is false, blocks then pass their
  // blockhash's last valid height
  mmcDropNext: ([count, expire = true]) => {
    dropNext = count;
    expireDropped = expire;
    return null;
  },
  // test control: while `hidden`, no status or signature is visible (a lagging RPC node)
  mmcHideStatuses: ([hidden]) => {
    statusesHidden = hidden;
    return null;
  },
  // test control: `count` empty blocks, so blockhashes expire; answers the new block height
  mmcAdvanceBlocks: ([count]) => {
    advance(BigInt(count));
    return Number(slot);
  },
  // test control: the next `count` calls of `method` answer with an error (an unreachable or overloaded node)
  mmcFailNext: ([method, count]) => {
    failNext.set(method, count);
    return null;
  },
};

const server = http.createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => { body += chunk; });
  request.on('end', () => {
    let id = null;
    let reply;
    try {
      const call = JSON.parse(body);
      id = call.id ?? null;
      const method = methods[call.method];
      if (!method) {
        throw rpcError(-32601, 'Method not found: ' + call.method);
      }
      if (failNext.get(call.method) > 0) {
        failNext.set(call.method, failNext.get(call.method) - 1);
        throw rpcError(-32005, 'Node is unhealthy');
      }
      reply = { jsonrpc: '2.0', id, result: method(call.params || []) };
    } catch (e) {
      reply = { jsonrpc: '2.0', id, error: { code: e.code || -32603, message: e.message } };
    }
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(reply));
  });
});

server.listen(Number(process.argv[2] || 8899), '127.0.0.1', () => {
  console.log('listening ' + server.address().port);
});
