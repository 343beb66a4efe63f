import { REASON_AT_LABELS, SEAL_STATUS_LABELS, SEAL_TYPE_INFO } from '@yinxin/plugin-seal-common';

/**
 * The public seal status page (no sign-in): a relying party enters a seal code and, optionally, a
 * moment, and sees whether the seal was valid then and what it is now, with its impression and the
 * signed answer to keep. Served by the backend at /api/seal/public/lookup because the portal's app
 * requires sign-in; its script is a separate file so that the Content-Security-Policy
 * (script-src 'self') holds. Shows no personal data: the API answer carries none.
 */
export function lookupPageHtml(): string {
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>电子印章状态查询</title>
<style>
body{font-family:"WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;max-width:720px;margin:2em auto;padding:0 1em;color:#222}
h1{color:#b71c1c;font-size:1.5em}label{display:block;margin-top:.8em}input{width:100%;padding:.4em;box-sizing:border-box;font:inherit}
button{margin-top:1em;padding:.5em 1.5em;background:#b71c1c;color:#fff;border:0;border-radius:3px;font:inherit;cursor:pointer}
.box{border:1px solid #ddd;border-radius:4px;padding:1em;margin-top:1em}.error{color:#b71c1c}
.valid{color:#1b5e20;font-weight:bold}.invalid{color:#b71c1c;font-weight:bold}
dl{display:grid;grid-template-columns:9em 1fr;gap:.3em .8em}dt{color:#666}dd{margin:0}
img{width:40mm;height:auto;display:block;margin:.5em 0}
</style></head><body>
<h1>电子印章状态查询</h1>
<p>输入印章编码（13 位）或印章标识，可选填查询时刻（北京时间），查询该时刻印章是否有效及当前状态。查询结果可下载带签名的证明文件（CMS SignedData，SM2）留存。</p>
<form id="lookup-form" class="box">
<label>印章编码<input name="seal" required maxlength="36" pattern="[0-9A-Za-z\\-]{4,36}" autocomplete="off"></label>
<label>查询时刻（北京时间，留空为现在）<input name="at" type="datetime-local" step="1"></label>
<button type="submit">查询</button>
</form>
<div id="lookup-result" class="box" role="status" hidden></div>
<script src="lookup.js"></script>
</body></html>`;
}

const json = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

/** The page's script. */
export function lookupPageJs(): string {
  const types = Object.fromEntries(Object.entries(SEAL_TYPE_INFO).map(([k, v]) => [k, v.zh]));
  const statuses = Object.fromEntries(Object.entries(SEAL_STATUS_LABELS).map(([k, v]) => [k, v.zh]));
  const reasons = Object.fromEntries(Object.entries(REASON_AT_LABELS).map(([k, v]) => [k, v.zh]));
  return `(function(){
var base=location.pathname.replace(/\\/lookup$/,'');
var TYPES=${json(types)},STATUS=${json(statuses)},REASONS=${json(reasons)};
STATUS['not-issued']='未启用';
function cst(iso){return new Date(iso).toLocaleString('zh-CN',{timeZone:'Asia/Shanghai',hour12:false});}
function row(dl,k,v,cls){var dt=document.createElement('dt');dt.textContent=k;var dd=document.createElement('dd');dd.textContent=v;if(cls)dd.className=cls;dl.appendChild(dt);dl.appendChild(dd);return dd;}
document.getElementById('lookup-form').addEventListener('submit',function(e){
 e.preventDefault();var out=document.getElementById('lookup-result');out.hidden=false;out.textContent='正在查询…';
 var f=new FormData(e.target);var seal=String(f.get('seal')||'').trim();var at=String(f.get('at')||'');
 var q=at?'?at='+encodeURIComponent(new Date(at+(at.length===16?':00':'')+'+08:00').toISOString()):'';
 fetch(base+'/status/'+encodeURIComponent(seal)+q).then(function(r){return r.json().then(function(b){return {ok:r.ok,status:r.status,b:b};});})
 .then(function(r){out.textContent='';
  if(!r.ok){var p=document.createElement('p');p.className='error';p.id='lookup-error';p.textContent=r.status===404?'未找到该印章':'查询失败：'+((r.b.error&&r.b.error.message)||r.status);out.appendChild(p);return;}
  var a=r.b;var h=document.createElement('p');h.id='lookup-verdict';h.className=a.validAt?'valid':'invalid';
  h.textContent=(a.validAt?'有效':'无效')+'（'+cst(a.at)+'）'+(a.reasonAt?'：'+(REASONS[a.reasonAt]||a.reasonAt):'');out.appendChild(h);
  var dl=document.createElement('dl');out.appendChild(dl);
  row(dl,'印章名称',a.name);row(dl,'印章编码',a.esId||'');row(dl,'印章类型',TYPES[a.type]||a.type);
  row(dl,'查询时刻状态',STATUS[a.statusAt]||a.statusAt);row(dl,'当前状态',STATUS[a.currentStatus]||a.currentStatus).id='lookup-current';
  row(dl,'有效期',cst(a.validStart)+' 至 '+cst(a.validEnd));row(dl,'结构版本',a.version===4?'GB/T 38540（v4）':'GM/T 0031（v1）');
  if(a.sealHash)row(dl,'印章摘要（SM3）',a.sealHash);row(dl,'答复时间',cst(a.checkedAt));
  if(a.esId){var img=document.createElement('img');img.alt='印模';img.src=base+'/status/'+encodeURIComponent(a.esId)+'/picture.png';out.appendChild(img);}
  var link=document.createElement('a');link.id='lookup-evidence';link.href=base+'/status/'+encodeURIComponent(seal)+'/evidence'+(q||'?at='+encodeURIComponent(a.at));link.textContent='下载签名证明（.p7m）';out.appendChild(link);})
 .catch(function(){out.textContent='网络错误，请稍后重试';});
});
})();
`;
}
