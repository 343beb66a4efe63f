import { CATEGORIES, LABELS } from '@yinxin/plugin-tickets-common';

/** Escapes text for HTML. */
const esc = (s: string) => s.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);

/**
 * The public web form (no sign-in): submit a ticket, then follow it with its number and access
 * code. Served by the backend at /api/tickets/public/form; its script is a separate file so that
 * the portal's Content-Security-Policy (script-src 'self') holds.
 */
export function publicFormHtml(): string {
  const options = CATEGORIES.map(c => `<option value="${c}">${esc(LABELS.category[c].zh)}</option>`).join('');
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>电子签名服务 · 在线报障与咨询</title>
<style>
body{font-family:"WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;max-width:720px;margin:2em auto;padding:0 1em;color:#222}
h1{color:#b71c1c;font-size:1.5em}label{display:block;margin-top:.8em}input,select,textarea{width:100%;padding:.4em;box-sizing:border-box;font:inherit}
button{margin-top:1em;padding:.5em 1.5em;background:#b71c1c;color:#fff;border:0;border-radius:3px;font:inherit;cursor:pointer}
.box{border:1px solid #ddd;border-radius:4px;padding:1em;margin-top:1em}.error{color:#b71c1c}.reply{border-left:3px solid #1565c0;padding-left:.6em;margin:.6em 0;white-space:pre-wrap}
</style></head><body>
<h1>电子签名服务 · 在线报障与咨询</h1>
<p>提交后请记下工单号和查询码，服务团队将在 2 个工作日内答复并给出解决方案。</p>
<form id="submit-form" class="box">
<label>标题<input name="title" required maxlength="200"></label>
<label>问题描述<textarea name="description" rows="5" maxlength="20000"></textarea></label>
<label>分类<select name="category" required><option value=""></option>${options}</select></label>
<label>姓名<input name="requesterName" required maxlength="100"></label>
<label>联系方式（电话或邮箱）<input name="requesterContact" required maxlength="200"></label>
<label>单位<input name="organisation" maxlength="200"></label>
<button type="submit">提交</button>
<div id="submit-result" role="status"></div>
</form>
<h2>查询工单进度</h2>
<form id="lookup-form" class="box">
<label>工单号<input name="number" required maxlength="32"></label>
<label>查询码<input name="code" required maxlength="64"></label>
<button type="submit">查询</button>
<div id="lookup-result" role="status"></div>
</form>
<script src="form.js"></script>
</body></html>`;
}

/** The form's script. */
export const PUBLIC_FORM_JS = `(function(){
var base=location.pathname.replace(/\\/form$/,'');
var STATES={'new':'新建','acknowledged':'已受理','plan-given':'已给出方案','in-progress':'处理中','waiting':'等待申请人','resolved':'已解决','closed':'已关闭','merged':'已合并'};
function text(el,t,cls){el.textContent=t;el.className=cls||'';}
function data(form){var o={};new FormData(form).forEach(function(v,k){o[k]=String(v);});return o;}
document.getElementById('submit-form').addEventListener('submit',function(e){
 e.preventDefault();var out=document.getElementById('submit-result');text(out,'正在提交…');
 fetch(base+'/tickets',{method:'POST',headers:{'Content-Type':'application/json'},body:JSON.stringify(data(e.target))})
 .then(function(r){return r.json().then(function(b){return {ok:r.ok,b:b};});})
 .then(function(r){if(!r.ok){text(out,'提交失败：'+((r.b.error&&r.b.error.message)||''),'error');return;}
  out.innerHTML='';var p=document.createElement('p');p.id='submit-ok';
  p.textContent='已提交。工单号：'+r.b.number+'，查询码：'+r.b.accessCode+'。响应时限：'+new Date(r.b.response).toLocaleString('zh-CN',{timeZone:'Asia/Shanghai'});
  p.setAttribute('data-number',r.b.number);p.setAttribute('data-code',r.b.accessCode);out.appendChild(p);e.target.reset();})
 .catch(function(){text(out,'网络错误，请稍后重试','error');});
});
document.getElementById('lookup-form').addEventListener('submit',function(e){
 e.preventDefault();var out=document.getElementById('lookup-result');var d=data(e.target);text(out,'正在查询…');
 fetch(base+'/tickets/'+encodeURIComponent(d.number)+'?code='+encodeURIComponent(d.code))
 .then(function(r){return r.json().then(function(b){return {ok:r.ok,b:b};});})
 .then(function(r){if(!r.ok){text(out,'未找到：请核对工单号和查询码','error');return;}
  out.innerHTML='';var h=document.createElement('p');h.id='lookup-state';h.textContent=r.b.number+' '+r.b.title+' — '+(STATES[r.b.state]||r.b.state);out.appendChild(h);
  r.b.replies.forEach(function(x){var div=document.createElement('div');div.className='reply';div.textContent=new Date(x.at).toLocaleString('zh-CN',{timeZone:'Asia/Shanghai'})+'\\n'+x.body;out.appendChild(div);});})
 .catch(function(){text(out,'网络错误，请稍后重试','error');});
});
})();`;
