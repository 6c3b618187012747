#!/usr/bin/env python3
# Re-bless golden files keeping the committed key order: run after VIGIE_BLESS=1
# with the committed versions in git; events dropped or added are applied.
import json, subprocess, sys, glob
def canon(v): return json.dumps(v, sort_keys=True)
def order(new, like):
    if isinstance(new, dict) and isinstance(like, dict):
        keys=[k for k in like if k in new]+[k for k in new if k not in like]
        return {k: order(new[k], like.get(k)) for k in keys}
    if isinstance(new, list) and isinstance(like, list) and like:
        return [order(x, like[min(i,len(like)-1)]) for i,x in enumerate(new)]
    return new
for f in sorted(glob.glob('tests/data/*/*.expected.json')):
    new = json.load(open(f))
    old_text = subprocess.run(['git','show','HEAD:'+f],capture_output=True,text=True).stdout
    if not old_text: continue
    old = json.loads(old_text)
    if canon(old)==canon(new):
        open(f,'w').write(old_text); continue
    # keep old order for unchanged events; new ones in blessed order
    oldev={e['id']:e for e in old['events']}
    evs=[oldev[e['id']] if e['id'] in oldev and canon(oldev[e['id']])==canon(e) else order(e, oldev.get(e['id']) or old['events'][0]) for e in new['events']]
    out=dict(old); out['events']=evs
    for k in new:
        if k!='events' and canon(new[k])!=canon(old.get(k)): out[k]=new[k]
    assert canon(out)==canon(new), f
    open(f,'w').write(json.dumps(out,indent=2,ensure_ascii=False)+'\n')
    print('changed',f)
