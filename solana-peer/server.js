// A Solana JSON-RPC peer for the Hub's integration tests, backed by a real SVM (litesvm): transactions
// are deserialised, signature-checked and executed by the SVM (the Memo program included); nothing is
// accepted that a validator would reject. It implements only the methods the Hub and its tests use.
// Usage: node server.js <port>   (prints "listening <port>" once ready)
'use strict';
const http = require('http');
const { LiteSVM } = require('litesvm');
const { getBase58Decoder, getBase58Encoder } = require('@solana/kit');

const svm = new LiteSVM();
const base58 = getBase58Decoder();
const fromBase58 = getBase58Encoder();
const executed = new Map(); // signature -> { slot, logs, err, wire (base64 transaction) }
const BLOCKHASH_LIFETIME = 150n;
let slot = 1n;
let dropNext = 0; // test control: transactions to lose
let hideStatusesUntil = 0; // test control: statuses unseen until this time (ms)

function context() {
  return { slot: Number(slot) };
}

function rpcError(code, message) {
  const error = new Error(message);
  error.code = code;
  return error;
}

function record(signature, meta, err, bytes) {
  executed.set(signature, { slot: Number(slot), logs: meta.logs(), err, wire: bytes ? Buffer.from(bytes).toString('base64') : null });
  slot += 1n;
  svm.warpToSlot(slot);
}

const methods = {
  getVersion: () => ({ 'solana-core': 'litesvm-1.5.0', 'feature-set': 0 }),
  getHealth: () => 'ok',
  getSlot: () => Number(slot),
  getBlockHeight: () => Number(slot),
  getLatestBlockhash: () => ({ context: context(), value: { blockhash: svm.latestBlockhash(), lastValidBlockHeight: Number(slot + BLOCKHASH_LIFETIME) } }),
  getBalance: ([address]) => ({ context: context(), value: Number(svm.getBalance(address) ?? 0n) }),
  requestAirdrop: ([address, lamports]) => {
    const result = svm.airdrop(address, BigInt(lamports));
    if (result === null || typeof result.err === 'function') {
      throw rpcError(-32600, 'airdrop failed: ' + (result ? result.err().toString() : 'no result'));
    }
    const signature = base58.decode(result.signature());
    record(signature, result, null);
    return signature;
  },
  sendTransaction: ([encoded, config]) => {
    const encoding = (config && config.encoding) || 'base58';
    const bytes = encoding === 'base64' ? Buffer.from(encoded, 'base64') : Buffer.from(fromBase58.encode(encoded));
    const signature = base58.decode(bytes.subarray(1, 65));
    if (dropNext > 0) {
      // lost on the way: never executed, and its blockhash expires
      dropNext -= 1;
      svm.expireBlockhash();
      slot += BLOCKHASH_LIFETIME + 1n;
      svm.warpToSlot(slot);
      return signature;
    }
    const result = svm.inner.sendLegacyTransaction(new Uint8Array(bytes));
    if (typeof result.err === 'function') {
      const err = result.err().toString();
      throw rpcError(-32002, 'Transaction simulation failed: ' + err);
    }
    record(signature, result, null, bytes);
    return signature;
  },
  getSignatureStatuses: ([signatures]) => ({
    context: context(),
    value: signatures.map((signature) => {
      const tx = Date.now() < hideStatusesUntil ? undefined : executed.get(signature);
      return tx ? { slot: tx.slot, confirmations: null, err: tx.err, status: { Ok: null }, confirmationStatus: 'finalized' } : null;
    }),
  }),
  getTransaction: ([signature]) => {
    const tx = executed.get(signature);
    return tx ? { slot: tx.slot, blockTime: null, transaction: [tx.wire, 'base64'], meta: { err: tx.err, fee: 5000, logMessages: tx.logs } } : null;
  },
  // test control: the next `count` transactions are lost and their blockhash expires
  mmcDropNext: ([count]) => {
    dropNext = count;
    return null;
  },
  // test control: statuses are not visible for `millis` (a slow or lagging RPC node)
  mmcHideStatuses: ([millis]) => {
    hideStatusesUntil = Date.now() + millis;
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
