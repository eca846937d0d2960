/* 留痕 resumable evidence upload: chunks with their SHA-256, a progress bar, resume after a
   broken connection or a closed tab (the upload id is kept in localStorage per file). */
(function () {
  "use strict";

  // SHA-256 for plain-HTTP intranets, where crypto.subtle does not exist (not a secure context).
  var K = new Uint32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2]);
  function sha256Fallback(bytes) {
    var n = bytes.length, total = ((n + 9 + 63) >> 6) << 6, m = new Uint8Array(total);
    m.set(bytes); m[n] = 0x80;
    var bits = n * 8, dv = new DataView(m.buffer);
    dv.setUint32(total - 8, Math.floor(bits / 0x100000000)); dv.setUint32(total - 4, bits >>> 0);
    var h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                             0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
    var w = new Uint32Array(64);
    function r(x, c) { return (x >>> c) | (x << (32 - c)); }
    for (var off = 0; off < total; off += 64) {
      for (var i = 0; i < 16; i++) w[i] = dv.getUint32(off + i * 4);
      for (i = 16; i < 64; i++) {
        var s0 = r(w[i - 15], 7) ^ r(w[i - 15], 18) ^ (w[i - 15] >>> 3);
        var s1 = r(w[i - 2], 17) ^ r(w[i - 2], 19) ^ (w[i - 2] >>> 10);
        w[i] = (w[i - 16] + s0 + w[i - 7] + s1) >>> 0;
      }
      var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
      for (i = 0; i < 64; i++) {
        var t1 = (hh + (r(e, 6) ^ r(e, 11) ^ r(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) >>> 0;
        var t2 = ((r(a, 2) ^ r(a, 13) ^ r(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
        hh = g; g = f; f = e; e = (d + t1) >>> 0; d = c; c = b; b = a; a = (t1 + t2) >>> 0;
      }
      h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
    }
    return Array.prototype.map.call(h, function (x) { return ("00000000" + x.toString(16)).slice(-8); }).join("");
  }
  function hex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (x) {
      return ("0" + x.toString(16)).slice(-2);
    }).join("");
  }
  function sha256(buffer) {
    if (window.crypto && window.crypto.subtle) {
      return window.crypto.subtle.digest("SHA-256", buffer).then(hex);
    }
    return Promise.resolve(sha256Fallback(new Uint8Array(buffer)));
  }

  function csrf() {
    var m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : "";
  }
  function call(method, url, body, headers) {
    headers = headers || {};
    headers["X-CSRFToken"] = csrf();
    return fetch(url, { method: method, body: body, headers: headers, credentials: "same-origin" })
      .then(function (response) {
        return response.json().then(function (data) {
          if (!response.ok) { throw new Error(data.error || ("HTTP " + response.status)); }
          return data;
        });
      });
  }
  function wait(ms) { return new Promise(function (ok) { setTimeout(ok, ms); }); }

  function upload(form) {
    var input = form.querySelector("input[type=file]");
    var bar = form.querySelector("progress");
    var note = form.querySelector(".upload-status");
    var file = input.files[0];
    if (!file) { note.textContent = "请选择文件"; return; }
    var key = "liuhen-upload:" + form.dataset.agency + ":" + file.name + ":" + file.size + ":" + file.lastModified;
    var base = form.dataset.endpoint;
    function say(text) { note.textContent = text; }
    function begin() {
      var saved = localStorage.getItem(key);
      if (saved) {
        return call("GET", base + saved + "/").catch(function () {
          localStorage.removeItem(key); return begin();
        });
      }
      return call("POST", base, JSON.stringify({
        agency: form.dataset.agency, filename: file.name, size: file.size,
        description: (form.querySelector("[name=description]") || {}).value || ""
      }), { "Content-Type": "application/json" }).then(function (status) {
        localStorage.setItem(key, status.upload_id); return status;
      });
    }
    function send(status, attempt) {
      bar.max = file.size; bar.value = status.received_bytes;
      say("已上传 " + (100 * status.received_bytes / Math.max(file.size, 1)).toFixed(1) + "%");
      if (!status.missing.length) {
        say("正在校验并存储……");
        return call("POST", base + status.upload_id + "/complete").then(function (stored) {
          localStorage.removeItem(key);
          say("已存储：SHA-256 " + stored.sha256);
          setTimeout(function () { window.location.reload(); }, 800);
        });
      }
      var start = status.missing[0][0];
      var end = Math.min(start + status.chunk_size, file.size);
      return file.slice(start, end).arrayBuffer().then(function (chunk) {
        return sha256(chunk).then(function (digest) {
          return call("PUT", base + status.upload_id + "/chunks/" + start, chunk,
                      { "X-Content-SHA256": digest });
        });
      }).then(function (next) { return send(next, 0); }, function (error) {
        if (attempt >= 8) { throw error; }
        say("连接中断，" + (2 << attempt) + " 秒后重试：" + error.message);
        return wait(1000 * (2 << attempt))
          .then(function () { return call("GET", base + status.upload_id + "/"); })
          .then(function (fresh) { return send(fresh, attempt + 1); },
                function () { return send(status, attempt + 1); });
      });
    }
    begin().then(function (status) { return send(status, 0); })
      .catch(function (error) { say("上传失败：" + error.message + "（再次点击上传将从中断处继续）"); });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.matches && form.matches("form[data-resumable-upload]")) {
      event.preventDefault();
      upload(form);
    }
  });
})();
