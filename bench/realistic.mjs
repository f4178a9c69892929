#!/usr/bin/env node
// leak-real.tgz: the shape of the 2026 leak (a 31 MB tarball whose orphaned 60 MB cli.js.map
// embeds 4,756 sources) built from REAL public code instead of bigLeak()'s synthetic text.
// The page takes ~2.7x as long on the real release as on the synthetic shape (and Node's
// floor 1.4x); this one is meant to cost what the real release costs. Nothing of the real release is in it: every byte of code comes from the pinned npm
// packages below (exact versions, sha512-checked against the registry's dist.integrity,
// cached in target/bench/real/, so a second run downloads nothing). Deterministic.
//
//   package/vendor/resvg/COPYING, vendor/resvg/<arch>-<os>/resvgjs.node   6 x 3.5-4.5 MB
//                 of native code (@resvg/resvg-js-<platform>), where the leak ships ripgrep
//   package/cli.js        12.9 MB of real minified bundles (mermaid.min.js, the Tailwind CSS
//                 language server, a Scalar and a Vitest UI chunk), no sourceMappingURL
//   package/cli.js.map    ~60 MB, Bun's layout: 4,756 sources, all with sourcesContent:
//                 1,332 first-party .ts, 552 .tsx carrying inline base64 maps, 18 .js under
//                 ../src/ (real TypeScript of open-source projects, renamed into one tree),
//                 2,850 ../node_modules/<pkg>/... files of real packages (a few nested), 4
//                 ../vendor/*-src/ files; `mappings` synthetic but valid for cli.js with the
//                 leak's density (4-field segments, ~0.16 per byte), `names: []`
//   package/vendor/watcher/<arch>-<os>/watcher.node   6 x ~0.5 MB (@parcel/watcher-<platform>)
//   package.json (SEE LICENSE IN README.md), README.md, LICENSE.md, bun.lock, sdk-tools.d.ts
//   20 files, npm's tar layout and order, gzip level 9 (the level npm used for the leak).
//
//   node bench/realistic.mjs [OUT=target/bench/leak-real.tgz]   build (prints a summary)
//   node bench/realistic.mjs --stdout                         build, tarball to stdout
//   node bench/realistic.mjs --stats PKG.tgz                  the shape statistics, JSON
//   node bench/realistic.mjs --compare REAL.tgz MINE.tgz      the same, as a Markdown table
// LEAK_REAL_CACHE=DIR moves the download cache.
//
// bench/packages.mjs builds it as 'leak-real.tgz' (through --stdout, so `ensure` stays
// synchronous).

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

import { prng, vlq } from '../tests/e2e/fixtures.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE = process.env.LEAK_REAL_CACHE ?? join(ROOT, 'target/bench/real');
const REGISTRY = 'https://registry.npmjs.org';

// ---------------------------------------------------------------------------------------
// Pinned inputs: `role name@version integrity [key=value ...]`.
//   cli   a minified bundle (file=) concatenated into cli.js
//   exe   the native executable slot, node the .node slot (as= path in the package)
//   dts   sdk-tools.d.ts (file=)
//   vsrc  ../vendor/<area>/ sources (file=)
//   fp    first-party: the package's src/**/*.ts(x), as ../src/<area>/...
//   fpmap first-party: the .ts(x) sources embedded in the package's own .map files
//   fpjs  first-party .js (dir=), as ../src/<area>/...
//   tp    third-party JS, as ../node_modules/[<under>/node_modules/]<name>/... (dir= or file=
//         narrows it; by default one build of the package: ESM over CJS, .mjs over .js)
const PINS = `
cli mermaid@12.4.0 sha512-j2gvsGUFeS/53WdYLl9H5G2YtMZX9G/PlCvV3E5Pf4j5XSnK19DwazU6wki7OTcKeYKed7+qujRDLhy8NV2zBg== file=dist/mermaid.min.js
cli @tailwindcss/language-server@0.16.0 sha512-ko2xr4nlFIkqwJFnnw7hfdpjbsnK0DOk+QEEI51tvKOCF97OG0RU59iGfadoaOoY6I9xkSMbTW+AAwgnGnLH3w== file=bin/tailwindcss-language-server
cli @scalar/api-reference@1.76.4 sha512-bHSVv494yuNTcBzmfZR3eYhckOTiu3L6IJmvM2kdKzBVmWqm+JhEHbYc7ydsv7FBSs3vTW9sCz00La2dFgWxVg== file=dist/browser/chunks/modal-qXtxRVnT.js
cli @vitest/ui@5.1.2 sha512-BLWlcNBuk8vb8RyJYU3ccizWsCRjB5vcuIKMSLK46ClZOR0d1z6PyyfmJ6bJHgWdJSDHTUjCIncni0Tlp2bkhw== file=dist/client/assets/index-_SfIas52.js
exe @resvg/resvg-js-linux-arm64-gnu@2.6.2 sha512-zc2BlJSim7YR4FZDQ8OUoJg5holYzdiYMeobb9pJuGDidGL9KZUv7SbiD4E8oZogtYY42UZEap7dqkkYuA91pg== as=vendor/resvg/arm64-linux/resvgjs.node
exe @resvg/resvg-js-darwin-arm64@2.6.2 sha512-nmok2LnAd6nLUKI16aEB9ydMC6Lidiiq2m1nEBDR1LaaP7FGs4AJ90qDraxX+CWlVuRlvNjyYJTNv8qFjtL9+A== as=vendor/resvg/arm64-darwin/resvgjs.node
exe @resvg/resvg-js-linux-x64-gnu@2.6.2 sha512-IVUe+ckIerA7xMZ50duAZzwf1U7khQe2E0QpUxu5MBJNao5RqC0zwV/Zm965vw6D3gGFUl7j4m+oJjubBVoftw== as=vendor/resvg/x64-linux/resvgjs.node
exe @resvg/resvg-js-darwin-x64@2.6.2 sha512-GInyZLjgWDfsVT6+SHxQVRwNzV0AuA1uqGsOAW+0th56J7Nh6bHHKXHBWzUrihxMetcFDmQMAX1tZ1fZDYSRsw== as=vendor/resvg/x64-darwin/resvgjs.node
exe @resvg/resvg-js-win32-x64-msvc@2.6.2 sha512-ZXtYhtUr5SSaBrUDq7DiyjOFJqBVL/dOBN7N/qmi/pO0IgiWW/f/ue3nbvu9joWE5aAKDoIzy/CxsY0suwGosQ== as=vendor/resvg/x64-win32/resvgjs.node
exe @resvg/resvg-js-win32-arm64-msvc@2.6.2 sha512-7C/RSgCa+7vqZ7qAbItfiaAWhyRSoD4l4BQAbVDqRRsRgY+S+hgS3in0Rxr7IorKUpGE69X48q6/nOAuTJQxeQ== as=vendor/resvg/arm64-win32/resvgjs.node
node @parcel/watcher-darwin-arm64@2.6.0 sha512-Y3QV0gl7Q1zbfueunkWIERICbEojQFCgpyG7YqOGNFLsckXyI1xu9mAIUpKY9QBYzBtSkN8dBPwd3yiAO9ovMw== as=vendor/watcher/arm64-darwin/watcher.node
node @parcel/watcher-darwin-x64@2.6.0 sha512-Ohv6OpzhUfKYD7Beb8kDvG0jbIxORCYY1JRdZnaBtnjjkJxgD7ZVL0nw2sCYd0yTMKTvz3nnTnOF3cDifK+kvw== as=vendor/watcher/x64-darwin/watcher.node
node @parcel/watcher-linux-arm64-glibc@2.6.0 sha512-yHRqS2owEXe6Hic9z6Mh1ECsCd+ODVOGvZDyciqRd21+v+o+DnXMOrw50DSpIG2sb8GPEaPPmfeCAWKPJdq46g== as=vendor/watcher/arm64-linux/watcher.node
node @parcel/watcher-linux-x64-glibc@2.6.0 sha512-ulGE6x6Oz6iAwg75T8YQSoguBWasniIbX+QWpaYPcCnDOpdWX3k+4xbEYPZVLxOuoJI+svJJPD3sEj8G7lrQ3A== as=vendor/watcher/x64-linux/watcher.node
node @parcel/watcher-win32-arm64@2.6.0 sha512-gIZAP23jaHjGWasY/TY6yL7NHFClf0Ga7FN+iINvk+KN94rhm94lYZhFsbYFNcA04/onvGD9kKmiJLJB2HbNwQ== as=vendor/watcher/arm64-win32/watcher.node
node @parcel/watcher-win32-x64@2.6.0 sha512-cA+/pXV2YkfxlIcXOQ5fSWqAzzPyD78/x5qbK/I0vUkrlYHA8TIz+MXjAbGouguKVSI4bOmkTSJ1/poVSsgt+A== as=vendor/watcher/x64-win32/watcher.node
vsrc @resvg/resvg-js@2.6.2 sha512-xBaJish5OeGmniDj9cW5PRa/PtmuVU3ziqrbr5xJj901ZDN4TosrVaNZpEiLZAxdfnhAe7uQ7QFWfjPe9d9K2Q== file=index.js,js-binding.js area=resvg-src
vsrc @parcel/watcher@2.6.0 sha512-7FNeNl8NCE7aINx7WXiKQrPYZWC/hvrTsmk6zmxbI7LTXE7hVek/n8AfVgpe2y82zl3w0HvCHN0bVKMBoJcC0w== file=index.js,wrapper.js area=watcher-src
dts openai@7.60.0 sha512-vipS79MnBZX6zpWjMGdRQazRcbYc3CxGUNZYLpd8YANeq1ZlTAZeHctkeUJvqDVcET7+kHI2osGWyhk3Co9odg== file=resources/evals/runs/runs.d.ts
fp effect@4.1.5 sha512-xyR20KhQI0vg2gD8ILUSQRTTESEYJ0JKdP+QD8J37xbwPTqXRxFM/l0+vUVD9fuSvoYruoTqyt33C4FZv1s4TQ== area=runtime
fp rxjs@7.8.2 sha512-dhKf903U/PQZY6boNNtAGdWbG85WAbjT/1xYoZIC7FAY0yWapOBQVsVrDl58W86//e1VpMNBtRV4MaXfdMySFA== area=streams
fp @blocknote/core@0.55.0 sha512-QRRnOuVDrt0pPwaCXQ/dc4gxQ3KEGkBC8Hh4hyl4lxOU+5TMLNKKX9gZgeGkq7WKVK2EZbnPea6pcx25aS5SGA== area=editor
fp @tanstack/router-core@1.171.39 sha512-qUhoJ0meuSUqGYQbHbcJYdASr06YtK+bulbj6vtrhKYFkLgkSsZ6tXmMyym7sFxiSJSPYgasgozrL01LyyR/6A== area=router
fp @tanstack/query-core@5.108.4 sha512-2Ks5dlLWz4eXJrthOyG0qW3SLt3xx0RrQmAmN0rnmogiaaOYuWiAe6HAm9KE2b2v8nig+vraNz8fsfZ6fF6zFg== area=query
fp @reduxjs/toolkit@2.16.0 sha512-MZAZNNvsNJrMttw/+rfBhay3+/zxPZNmuK/lFmahE+SAJTemxW643i+USptYg69guUohrtUu/4/XXbocOxVFIA== area=state
fp @trpc/server@11.25.2 sha512-zfFwyroSYSYlsAGo7yezGM+gAhHRBD9LyVMkXyCjWM2JuhorKGzl2fBzEUjHSKTtYlJ8l6DR3LHsBHBCTmAofQ== area=rpc
fp prosemirror-view@1.44.0 sha512-Ga7889C0DYI1AI0zzgXBNVElPRLh6B2+K87XLjza90Bm/02XyEGXUr0gnla+Oefv7krvo3VIUDwM+YHKU9xGxg== area=document/view
fp prosemirror-model@1.25.13 sha512-MlDMWGjYXaYOeCiO17jcybntCOzPnN+97U0809ke2QsgPtxW3n5/sD6ZKyJONUgMw1iP93ohZTjeKjnRJ7L6kQ== area=document/model
fp prosemirror-state@1.4.4 sha512-6jiYHH2CIGbCfnxdHbXZ12gySFY/fz/ulZE333G6bPqIZ4F+TXo9ifiR86nAHpWnfoNjOb3o5ESi7J8Uz1jXHw== area=document/state
fp prosemirror-transform@1.12.7 sha512-/e87cbxcM5WJOJrL1IrM9gJqO3EK8LdQoPvs+r4ss1lRO5t5QeqkU0SlmDvcitCSDUbm8s/MxbBB6ds4pY6Xlg== area=document/transform
fp prosemirror-commands@1.7.2 sha512-q6Q6szxqdu9Xd6EcdKsqXghu5nQdZTpB4Q9yd04WRc7/jt763e/rT60Owh0L1GYY+T46o5rD+9lEN36dZS43tw== area=document/commands
fp prosemirror-markdown@1.13.9 sha512-qAI3I9YdtjWHjTCBErc08ivr24KSrUjcTh5dYncCxFM+JS02kT0iHeWYjO35xeTPwt5t8rhFrelewXhXz16WZQ== area=document/markdown
fp prosemirror-history@1.5.2 sha512-/VCI9OUPT69PzzoKmLJ6xLTkMCXmpt/M6/tOlctR5DjSAinniYgjkw6Ao/Obmq/f5mG5csTQi6a9AWhwFVLSNA== area=document/history
fp prosemirror-inputrules@1.7.0 sha512-8osbijqTD9BtFWbtWbrJ47zvwwiC4/+Y993VzCKRYjPw3jK+CixvRlFu7UgT6mExqPnu12WOh+IF9l6921vqhA== area=document/inputrules
fp mobx@7.1.3 sha512-H2NcS5ylMsqYn7v4WpSdzv5YWPmw5XTV6pG2NvY0qYbh95FXbswZJ7pn7wU0rOtUvRzk+3t4AOX2eircoN+vBg== area=observable
fp @tiptap/core@3.35.0 sha512-jrtRrAfgL7bXd2ecy0T7G4b6ozwzW9h67B3iQsDmgu7PWytkqbrUPFrki6LjyysrxZEK4jqgRMNCvfe2Yx2fKg== area=editor/core
fp @xterm/xterm@6.0.0 sha512-TQwDdQGtwwDt+2cgKDLn0IRaSxYu1tSUjgKarSDkUM0ZNiSRXFpjxEsvc/Zgc5kq5omJ+V0a8/kIM2WD3sMOYg== area=terminal
fp @ai-sdk/provider-utils@5.0.86 sha512-mni1RnIiyLdXGdsZJz5Zq3XyOx4MjeO7oaWfjrNIA2984zdDv44HBNBXjh294dLZ4BV3p9yKqJrC7vBDP5elBQ== area=llm/provider
fp ai@7.0.185 sha512-+35KFsrSboiWoPrq5q9hhiLiI/E11H0u2eLzI+R7SoNiI/Q93VDQMedNmFzvasmtN5ash7zHRU5d30qp1R9hxQ== area=llm
fp @jupyterlab/notebook@4.6.6 sha512-EOeNOh5U3KTvANNMaSiZxtsBsiCT30lU11sRE/5hWAXk6zTZ4/pqc4nTMhpwUUvwyuwaBhojqu26Fd3TW0Uxtg== area=notebook
fp @jupyterlab/apputils@4.7.6 sha512-HGSxRV/ytDR9zPofR7bENKkWyqxV/w48xN2ctc1c7HKorkVvPSPv4XE8E1fT6R8vVV0YAqgrdi4MRiAi6cJGxQ== area=notebook/apputils
fp @jupyterlab/ui-components@4.6.6 sha512-io1DSqTrTFzn+ORrtX/zx37oQbAjtvP+1uiSfECrqca/JIhJumVfpn94ZN0ZtoNTgsaZI4g+9NwANbZ+ioaRHQ== area=notebook/ui
fp @jupyterlab/cells@4.6.6 sha512-sxkS6qRY48vXZeht/ywBwwU9PwC4y7IufDyKGEbSBpwOwl5NXIuzVILJneK6sr755MQXvTyf3axAEqTzmXLO2w== area=notebook/cells
fp @jupyterlab/filebrowser@4.6.6 sha512-hIYCM1QgRu9m3jVoLgQQJbX/B7NC7U6CWsV5RygI5gVBvHjYQFoSpsVuOjkcpaP4KmkSUAiRAaRYrk02tK2dGQ== area=notebook/files
fp @jupyterlab/application@4.6.6 sha512-bbX8OLwryy/KGz6BO6y8jh4l5boejwSNbjoh1O5vnI8emohp9t0KxJ+3+Cxnv6VqFu99IL8rks9ROHL0G2+q1A== area=notebook/app
fp @jupyterlab/rendermime@4.6.6 sha512-TnHRoG5rdCJf2q0z8PQnt2KMmD4QdiPZEilae7aa48Xc44K0NovHkqmi2Rwjf/PD2+1Zfvjd5coIaEpi6fXasQ== area=notebook/rendermime
fp @jupyterlab/coreutils@6.6.6 sha512-spJGbZpXBYYlFeuB08Ym6AIJwPPFDW+rugRURiHtsyGUMOiHE6MyIfYyQbpE6vbqsPChBLw1zQ7PZ9R0mBC9mg== area=notebook/coreutils
fp @jupyterlab/completer@4.6.6 sha512-vMTWJPwPGPRJSaW6omDB6203JFkh6jtNDq/Q3ACsT0qaRfRbzLvPLU3dKqectM2Jrc8E1f2C8AOuoWcCYJMZ9A== area=notebook/completer
fp @jupyterlab/codemirror@4.6.6 sha512-XXhlntMKtqwnLjZyZiC2pM9+pys71wr/b4pO4/B3ymOBVJCh+66VNGfBf25vF953bsdLk4ot5vylHw4a40Ccrw== area=notebook/codemirror
fp @jupyterlab/toc@6.6.6 sha512-ba6+8k91Y1jkPScaOQRrpITDMVfurCcsAdkruT8LKFOGbnav/6tZnVoLcxCvWMds/OWSN3z5917RP8uayAJ3Hw== area=notebook/toc
fp @jupyterlab/outputarea@4.6.6 sha512-BfVMEVG5BzT8Kkog/5gFqxPZV9UEZ07VIM6U3RA7er7/piqTpoCvHx001k6tlYj4PmZGEUz6QfpO5TU3JHM0Kg== area=notebook/outputarea
fp @blueprintjs/core@6.20.0 sha512-ykESsMltlWIeQOto7U5F1iyLxpwPn997BS4RfwKforB+VZYxsIWPxhwSydv+T7rg+QXzbG9L64o/ygXDoK2pbQ== area=components
fp @blueprintjs/table@6.2.6 sha512-rm2TN3GEy0mKC1dnHyd7SVyG98QJtIaBJ1MZUOUeYzleaZbXbp+btvcTwRh3FL9c+e1WqXPJYOmNONed79tVwA== area=components/table
fp @blueprintjs/datetime@6.2.6 sha512-+pPp0Ah+dV0Wu5WadcX2XJls1qr0Gw7Z/XSu55cjtplWgJyRgO78aoJLgutNbJqwoodfTR4SNN6xVtvDWInpvw== area=components/datetime
fp @blueprintjs/select@6.3.6 sha512-BxvAiWDh9frJKZQbN6I0nUzWO2w3RRtq2M8KgxYMYOIi4JSInoQFASuSBTG8BZU83btopGMu6gfBinElWdvyYQ== area=components/select
fp @blocknote/react@0.55.0 sha512-t+4N8+3xHhlnesxpWhF3FZnoHcnwhO+VgHiz6WEx7kTOTgk2YH84EOD7FsPh/hCm3I9MH9cHuiMfo6W6PHj/9w== area=editor/react
fp @tanstack/react-router@1.170.46 sha512-ez1iNIhsPjGlaDHg3BXWs67EWVIYzB2tbopEHYDESdkO7owgkGb5de52+5Kv2v1fxdkggcNzo35bdk4arTVGQw== area=routes
fp @radix-ui/themes@3.3.0 sha512-I0/h2CRNTpYNB7Mi3xFIvSsQq5a108d7kK8dTO5zp5b9HR5QJXKag6B8tjpz2ITkVYkFdkGk45doNkSr7OxwNw== area=ui
fp @docusaurus/theme-common@3.10.2 sha512-R9b/vMpK1yye6hNZTA6x/ivRv+at6GhxnXcxkpzCGzO1R1RwiquqiFg2wMFh6aqlJTpWRFKpFD2TzCDQcyOU0A== area=theme/common
fp @docusaurus/theme-classic@3.10.2 sha512-JqTSLQmqmA9uKWZsD5iwBGJ4JyKB4/yTw6PsSXVPRJG/6GAm/u+add9Iip+hvwP12/AnPNztrdxsI14NJW4KeA== area=theme
fpjs @docusaurus/core@3.10.2 sha512-EYByj6nk+aD9KeVxV6Hmo2/nAAT79P21Y82ycTBOBtrmqilloIbIEhgL2/8Xpt2Jz/pgNqHAwyusOGwmbKeJmA== dir=lib area=server
fp @tiptap/react@3.35.0 sha512-9aCpTU1YjpZDYhCN3fioFgdKok8k2VNqwdQq8cirzJ5ZC354zu26rn7wtFWVoDz/NIu1sCL5RzS1EF2vM0l+jQ== area=editor/hooks
fp @effect/platform@0.97.2 sha512-fof9J+pId374/b1WAt0P1H8QmvulzpHTjS6SUHiG20U/sFjkBUS5vGMy1/XfdTAVKX1IY+Z87dFhi/RFDfgBPQ== area=runtime/platform
fp @ai-sdk/react@4.0.177 sha512-Y59P/Jbd+KFeBZ9I02ea9DC8agDuNejwCrOk2ZdLrihYp3ORztiLw07UK0h4qAhDqdE3Vsy1HkgibgYnLwXiug== area=llm/react
fp @ai-sdk/groq@4.0.89 sha512-Mor6m6WeJfeFJ50VOo9Ww9iGS/tKRMpIJWqWftgz0Lew6zM+oB6CRLTbYaFrjbHjPNqeFJDwNH9/ltdyLBzOdg== area=llm/providers/groq
fp @ai-sdk/mcp@2.0.99 sha512-9yDWp5WABLMRNKYuLrLIXGtJpIkjwXAdJyYUSu5XpD0cqtuM11LGqk3gb5XGiShco3RT/79W8CkqXskegTtWKw== area=llm/mcp
fp @ai-sdk/google@4.0.129 sha512-WtbWW4Gpe6yAVXycdpA6kLNJvNodacbJCr7kpJC40OmWoIQRF62N69gyRWoo0mVjtULnfZPcasf+N+84+7URXg== area=llm/providers/google
fp @xterm/addon-webgl@0.19.0 sha512-b3fMOsyLVuCeNJWxolACEUED0vm7qC0cy4wRvf3oURSzDTYVQiGPhTnhWZwIHdvC48Y+oLhvYXnY4XDXPoJo6A== area=terminal/webgl
fpmap @mantine/core@9.8.1 sha512-+ayBTxun7MslJL6x4qaylVy6TyHu3o68+PH22gt70eJSHgy0CHYR/c2q+BYxS8WvORuc4f5mr0xFbi0vzlgHug== area=ui/mantine
fpmap @mantine/dates@9.8.1 sha512-BDYvM3hSvTkFNAqnRmL/nhf8NnoqwXOUe+jxq7xZZ1ME9NaVT5u3QuLY2zEilqF3Wm0iUtf3LP6deL9c4gunSQ== area=ui/dates
fpmap react-aria-components@1.22.1 sha512-UTHaYHOaM71bOCjGPF50DcLywlrwAodE63IP64LB4kO+OizatQEL8TesVEOM8+TkBeSgHoflJ45388IlJfa7aw== area=ui/aria
fpmap @mastra/core@1.71.0 sha512-qpv0qbyzyFWBWVlzP+G4oea6e3e3JyxmeNAtS5wuzWc0/iHv47DWRYNJXbDC0kleYd6L4afFPh7dLxCsuyCSKg== area=agents
fpmap @mastra/memory@1.31.0 sha512-qt+J++XfotafhF19SaA+gQL/XoP3ACISfEOjhcevgcO3AjLKsbIuBFsGN4jJMmPtYJK0xsV47O0PD2ZlE7h+og== area=agents/memory
fpmap @langchain/langgraph@1.7.3 sha512-QKZs9OEy6T2BWQAZUd0EsSLV6/ENOUehsr13b52qdWGaYhutWt4QEyuSrlu3QDPg3uSQQ6JyKKZG0ZT3KOwpIw== area=graph
fpmap @voltagent/core@2.10.0 sha512-N0DpxaOGHIol0qiMNGz+bxwHVtmWF4j17BvgVTPJXAMYyXFPBlHBYLWDHQ+7V2raOP+gTyq/r8EWLOEzum3L1g== area=agents/volt
tp lodash-es@4.18.1 sha512-J8xewKD/Gk22OZbhpOVSwcs60zhd95ESDwezOFuA3/099925PdHJ7OFHNTGtajL3AlZkykD32HykiMo+BIBI8A==
tp highlight.js@11.12.0 sha512-nbfWpyRMcMrPMmDwJB+dhX/eiaPKtc2RB+0QZskqJ3WjRA/FDS0e9hZrx8EC/lbEv8gXy98FcDbNa/dspAaJMg==
tp undici@8.14.1 sha512-mZ8eZekRw1Cv94xAigmXNwZJqvLz8VSt4w61TYkf61twqjTMog818vNzOIbnnuUeyWE5VrKQHG3607WVwRHEGQ==
tp yaml@2.9.1 sha512-3NxN8+78OdzbT7C/WjGsyfPAtJaN3FNDsWxv7Y7mcDsT/oOmgW8BpyQQFFBnvZE3j9Y2Sdz1ULFLezL7Eb2yFw==
tp @grpc/grpc-js@1.14.7 sha512-W4W/fcBMGRVtG6dW2c7cw2mnpS3hvbBd+oQXjh2iYFTZDk1JJmcNqkM5KSaPubQpamlUUurrlb7G1s9NJeERmQ==
tp @grpc/proto-loader@0.8.1 sha512-wtF6h+DY6M3YaDBPAmvuuA6jV8Sif9MjtOI5euKFWRgCDl5PeDpPsHR9u2l6St5ceY8AZgoNDww5+HvEsXFsGg==
tp ajv@8.20.0 sha512-Thbli+OlOj+iMPYFBVBfJ3OmCAnaSyNn4M1vz9T6Gka5Jt9ba/HIR56joy65tY6kx/FCF5VXNB819Y7/GUrBGA==
tp ajv-formats@3.0.1 sha512-8iUql50EUR+uUcdRQ3HDqa6EVyo3docL8g5WJ3FNcWmu62IbkGUue/pEyLBW8VGKKucTPgqeks4fIU1DA4yowQ==
tp fast-deep-equal@3.1.3 sha512-f3qQ9oQy9j2AhBe/H9VC91wLmKBCCU/gDOnKNAYG5hswO7BLKj09Hc5HYNz9cGI++xlpDCIgDaitVs03ATR84Q==
tp fast-uri@4.2.4 sha512-ARrctoImibWG27hlPe0Gc93d6HwZBYipqd9QhnXyYzS101vKmqx2J/1R8kzhnnYTph0umtJqu9rqIuYtVDaAOg==
tp json-schema-traverse@1.0.0 sha512-NM8/P9n3XjXhIZn1lLhkFaACTOURQXjWhV4BA/RnOv8xvgqtqpAX9IO4mRQxSx1Rlo4tqzeqb0sOlruaOy3dug==
tp jsonwebtoken@9.0.3 sha512-MT/xP0CrubFRNLNKvxJ2BYfy53Zkm++5bX9dtuPbqAeQpTVe0MQTFhao8+Cp//EmJp244xt6Drw/GVEGCUj40g==
tp jws@4.0.1 sha512-EKI/M/yqPncGUUh44xz0PxSidXFr/+r0pA70+gIYhjv+et7yxM+s29Y+VGDkovRofQem0fs7Uvf4+YmAdyRduA==
tp jwa@2.0.1 sha512-hRF04fqJIP8Abbkq5NKGN0Bbr3JxlQ+qhZufXVr0DvujKy93ZCbXZMHDL4EOtodSbCWxOqR8MS1tXA5hwqCXDg==
tp ecdsa-sig-formatter@1.0.11 sha512-nagl3RYrbNv6kQkeJIpt6NJZy8twLB/2vtz6yN9Z4vRKHN4/QZJIEbqohALSgwKdnksuY3k5Addp5lg8sVoVcQ==
tp safe-buffer@5.2.1 sha512-rp3So07KcdmmKbGvgaNxQSJr7bGVSVk5S9Eq1F+ppbRo70+YeaDxkw5Dd8NPN+GD6bjnYm2VuPuCXmpuYvmCXQ==
tp buffer-equal-constant-time@1.0.1 sha512-zRpUiDwd/xk6ADqPMATG8vc9VPrkck7T07OIx0gnjmJAnHnTVXNQG3vfvWNuiZIkwu9KrKdA1iJKfsfTVxE6NA==
tp lodash.includes@4.3.0 sha512-W3Bx6mdkRTGtlJISOvVD/lbqjTlPPUDTMnlXZFnVwi9NKJ6tiAk6LVdlhZMm17VZisqhKcgzpO5Wz91PCt5b0w==
tp lodash.isboolean@3.0.3 sha512-Bz5mupy2SVbPHURB98VAcw+aHh4vRV5IPNhILUCsOzRmsTmSQ17jIuqopAentWoehktxGd9e/hbIXq980/1QJg==
tp lodash.isinteger@4.0.4 sha512-DBwtEWN2caHQ9/imiNeEA5ys1JoRtRfY3d7V9wkqtbycnAmTvRRmbHKDV4a0EYc678/dia0jrte4tjYwVBaZUA==
tp lodash.isnumber@3.0.3 sha512-QYqzpfwO3/CWf3XP+Z+tkQsfaLL/EnUlXWVkIk5FUPc4sBdTehEqZONuyRt2P67PXAk+NXmTBcc97zw9t1FQrw==
tp lodash.isplainobject@4.0.6 sha512-oSXzaWypCMHkPC3NvBEaPHf0KsA5mvPrOPgQWDsbg8n7orZ290M0BmC/jgRZ4vcJ6DTAhjrsSYgdsW/F+MFOBA==
tp lodash.isstring@4.0.1 sha512-0wJxfxH1wgO3GrbuP+dTTk7op+6L41QCXbGINEmD+ny/G/eCqGzxyCsh7159S+mgDDcoarnBw6PC1PS5+wUGgw==
tp lodash.once@4.1.1 sha512-Sb487aTOCr9drQVL8pIxOzVhafOjZN9UU54hiN8PU3uAiSV7lx1yYNpbNmex2PK6dSJoNTSJUUswT651yww3Mg==
tp ms@2.1.3 sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA==
tp semver@7.8.6 sha512-9lpSSU4Mly3mrtruwLs1eLK6+gzbzqeBFwRNjIjE+9LuDpWdYctrQlQ3ej1Ilgi7gknpsTRnPoLP8DpCHqHIJw==
tp axios@1.21.1 sha512-6eI5Q/Y4u/Um9dDlsRoq5pY2rxnUTv+L4PpLitnbk/i4jb3MxLZ5CsN5Ih3IysbeRYK4pR+P7qfMsOQl9fwwFQ== dir=lib
tp node-forge@1.4.4 sha512-T6VRRpF3+czIGcXW/LOeoD7Ej28d8CF1UMEAbJyJRUtYMvyXAgxUPW2kbUibumvV9LiUQAznJOFyeYclzSJMMg== dir=lib
tp protobufjs@8.8.1 sha512-d9e9179bjXSJdpJ3+R9fP8hzXsnKLyxTjHLG1dUzje8a27pPyXCe6PrcRtgx2rjoM3IZzHd2vAs+6J/BsO1k7Q== dir=src
tp @protobufjs/aspromise@1.1.2 sha512-j+gKExEuLmKwvz3OgROXtrJ2UG2x8Ch2YZUxahh+s1F2HZ+wAceUNLkvy6zKCPVRkU++ZWQrdxsUeQXmcg4uoQ==
tp @protobufjs/base64@1.1.2 sha512-AZkcAA5vnN/v4PDqKyMR5lx7hZttPDgClv83E//FMNhR2TMcLUhfRUBHCmSl0oi9zMgDDqRUJkSxO3wm85+XLg==
tp @protobufjs/codegen@2.0.5 sha512-zgXFLzW3Ap33e6d0Wlj4MGIm6Ce8O89n/apUaGNB/jx+hw+ruWEp7EwGUshdLKVRCxZW12fp9r40E1mQrf/34g==
tp @protobufjs/eventemitter@1.1.1 sha512-vW1GmwMZNnL+gMRaovlh9yZX74kc+TTU3FObkkurpMaRtBfLP3ldjS9KQWlwZgraRE0+dheEEoAxdzcJQ8eXZg==
tp @protobufjs/fetch@1.1.1 sha512-GpptLrs57adMSuHi3VNj0mAF8dwh36LMaYF6XyJ6JMWlVsc+t42tm1HSEDmOs3A8fC9yyeisgLhsTVQokOZ0zw==
tp @protobufjs/float@1.0.2 sha512-Ddb+kVXlXst9d+R9PfTIxh1EdNkgoRe5tOX6t01f1lYWOvJnSPDBlG241QLzcyPdoNTsblLUdujGSE4RzrTZGQ==
tp @protobufjs/inquire@1.1.2 sha512-pa0vFRuws4wkvaXKK1uXZMAwAX4/t8ANaJo45iw/oQHNQ9q5xUzwgFmVJGXiga2BeN+zpX7Vf9vmsiIa2J+MUw==
tp @protobufjs/path@1.1.2 sha512-6JOcJ5Tm08dOHAbdR3GrvP+yUUfkjG5ePsHYczMFLq3ZmMkAD98cDgcT2iA1lJ9NVwFd4tH/iSSoe44YWkltEA==
tp @protobufjs/pool@1.1.0 sha512-0kELaGSIDBKvcgS4zkjz1PeddatrjYcmMWOlAuAPwAeccUrPHdUqo/J6LiymHHEiJT5NrF1UVwxY14f+fy4WQw==
tp @protobufjs/utf8@1.1.2 sha512-b1UQwcEZ4yCnMCD8DAL1VlbvBJE9/IX4FTIp7BG1xYpf29SLazLSrqUkj4w7Y5y7cCVP6E5tcqqcI0xemPkHug==
tp long@5.3.2 sha512-mNAgZ1GmyNhD7AuqnTG3/VQ26o760+ZYBPKjPvugO8+nLbYfX6TVpJPseBvopbdY+qpZ/lKUnmEc1LeZYS3QAA==
tp qrcode@1.5.4 sha512-1ca71Zgiu6ORjHqFBDpnSMTR2ReToX4l1Au1VFLyVeBTFavzQnv5JxMFr3ukHVKpSrSA2MCk0lNJSykjUfz7Zg==
tp dijkstrajs@1.0.3 sha512-qiSlmBq9+BCdCA/L46dw8Uy93mloxsPSbwnm5yrKn2vMPiy8KyAskTF6zuV/j5BMsmOGZDPs7KjU+mjb670kfA==
tp pngjs@7.0.0 sha512-LKWqWJRhstyYo9pGvgor/ivk2w94eSjE3RGVuzLGlr3NmD8bf7RcYGze1mNdEHRP6TRP6rMuDHk5t44hnTRyow== dir=lib
tp xmlbuilder@15.1.1 sha512-yMqGBqtXyeN1e3TGYvgNgDVZ3j84W4cwkOXQswghol6APgZWaff9lnbvN7MHYJOiXsvGPXtjTYJEiC9J2wv9Eg==
tp parse5@8.1.1 sha512-EcR/6WDcU7b2N3vQSxKALCk9lXGtUMQxXio008OEMBE0kavu/7JLfBEeFPzi43nMqVDSbEn3QCK+BMCc9zO//w==
tp gaxios@8.3.3 sha512-zqPbbtW5bAOZ8BRjS7bxj5VG7PBY5PwKRxpku9NplLqAPmYMoXExL1KOdaK5fHvwRETu3bPplLEsFGDdUUlrpw==
tp google-auth-library@11.3.4 sha512-RaYCDoeYIIFTRgH8hesSxqLrmtC2l+DB3cSCS/SN1TPGjI2VpPdJmF3bfRLUn8VvP/4I2Af9fsktw2f9SvVSVg==
tp gcp-metadata@9.2.3 sha512-d2OI/dJJ3IIaeOz3c9jvr5j5G5beI5fQzbgilNiWhDKGwvJN9o10Qub70NkbF6PNJSUoNKZ77JKYGz0Fs4+9Lg==
tp google-logging-utils@2.2.0 sha512-Q6HuSEyoaxi0AgqUrOYb2gc77fDl4QugRoHpreI8VpW/VzPsoKyxjL8tGKLmZpWlvC1uVBXM85tykoQpCGBF5g==
tp bignumber.js@11.1.5 sha512-6WmzCNtUnfKpbozq+hOgWaZMMzORmYBwF1xZScyoIX3QRYWeKTtxxwDOW5tIz7C9BdjkIYHGTcelCLkXg0mndw==
tp json-bigint@1.0.0 sha512-SiPv/8VpZuWbvLSMtTDU8hEfrZWg/mH/nV/b4o0CYbSxu1UIQPLdwKOCIyLQX+VIPO5vrLX3i8qtqFyhdPSUSQ==
tp extend@3.0.2 sha512-fjquC59cD7CyW6urNXK0FBufkZcoiGG80wTuPujX590cB5Ttln20E2UB4S/WARVqhXffZl2LNgS+gQdPIIim/g==
tp @opentelemetry/api@1.10.0 sha512-lMkyes8iHrG+mk6WH7X70MdCLI2RS0FwNBY1PyQ8UemaijE2m5mv5A0Niy3HtbYTFrgkUEQjFMXmSAk2hQDuPQ==
tp @opentelemetry/core@3.1.1 sha512-6wc9r0zrTsAVOd/5UrZBsrHhXWNfwisolgWxd8o3Eu1HKIz8cAxQjOdGrrJB406ceFiGV+ckTcLdXzB+y/QVTA==
tp @opentelemetry/resources@3.1.1 sha512-dSd0FI1rfl+WHeaZxCTCEvwv6vcmUqkOHHTGWMkmyHg+PyL/wLbCqgsGKgI0wOwT0KGy9IMPAvY85hT8IPwApA==
tp @opentelemetry/sdk-trace-base@2.12.1 sha512-CMrcqFxTikYmYQCuHToBO4kQvWIseRk2ztzWidTd7VutIxj1rljvJZCZnFPJEGNOS7FvaSmRL21Jeuu3/wrCAQ==
tp @opentelemetry/sdk-metrics@3.1.1 sha512-QBDkERTMERMxwtH7hHbE6esoo+5Tdb79MtF9lMh1EIFlij39prkSEWlfSD2flUGGv15b0GQ1X2jj/JqG9gQBTw==
tp @opentelemetry/otlp-exporter-base@0.301.2 sha512-XlC8Mqeqk5vY9/jXU2No4tAPDO4g7d3QqgxznctJrM1wzF/xKUiBvQwlQguGL98nEBweq2NCkXMGj4QIGSpplg==
tp @opentelemetry/otlp-transformer@0.301.2 sha512-Ap4MhVvrta1YAXoLKLdX9KuEy8zfupMRaDmbOFm0afxPqe56dAo2cCe52TDN6t175E6i4hnrBMzDXpnDR843eg==
tp @opentelemetry/api-logs@0.223.1 sha512-DtIY6YRp0Q0GRVtiKH+N6zAoXQzYtlwbXqZEN/UhBgkKgHYPo2RF6vvB8jGebwcESwquS0S3Vn5fouu7dI17Tg==
tp @opentelemetry/sdk-logs@3.1.1 sha512-Z2V826tjNXRaCP7EtaJGzNuk16o8rq8OWnYBS60tfCkGyUv3Eugrz3GIj7AiXb5MAyeeOR2PJ9EC8WjeGeAgbg==
tp @modelcontextprotocol/sdk@1.32.2 sha512-SWsVtH/0vULSQStoZ6xxH2K09Li8fXYTMC64ZeogCdpZ3XSi1eCPOByV1OpuJxuI3OcmHhosDWYyii07tpPsLw==
tp zod-to-json-schema@3.25.2 sha512-O/PgfnpT1xKSDeQYSCfRI5Gy3hPf91mKVDuYLUHZJMiDFptvP41MSnWofm8dnCm0256ZNfZIM7DSzuSMAFnjHA==
tp @inquirer/core@12.1.1 sha512-JrVSjoB/+B4le+A/0GyZGv/oIK30KgGNUA0eVtEMNQLUmdpizfyXM0zglUZnwTtHLjpKGRlU/q6Iv5z2GYQw9w==
tp @inquirer/confirm@6.4.1 sha512-ZLvGnS/+OtditM3RxULWDI3FVl3lR8mvh1ljZ8GCK8XKyfjI6Fq+ni6/2gbbH6n3gj6tinfNbE3QPplZ/xNVtQ==
tp @inquirer/input@5.2.1 sha512-HvxWvTZ+Yn7Ad0HJ6C4ajlLWL+cEIPMPjwkcqythTxu4nxwvFSNkEpBQJbnhSW3zbEi0JQ84I93CRsCz9P/opw==
tp @inquirer/select@5.3.1 sha512-V5LBhmayDvTJwcY0ADCyikptINrzSr+SIsoflkWovVTJ3qETyVhyX96hfFgy80jK8YaUe/wjTb9to3oPaw5VyQ==
tp @inquirer/checkbox@5.3.1 sha512-AWb8O1kl/olRQt0fReEIlu8iCn8qaQ0OEIffeFsMrfhIlVSz/ud1EeeBhWnm057xhRqD+kYVD7Fk2X9Bk/oW6w==
tp @inquirer/password@5.3.1 sha512-j9QfwKO4vJ5Y1elu9MwZMxq9zjX5GES+9lSKqa9cy4xXV5qo/eDZUpdIzsPn/rbao78PxxMUPEGkUvSoMPB2ug==
tp @inquirer/figures@2.1.1 sha512-63AOoKi9Wlsd1G+X5dKRg15GzN/WIEf0VghxHkcVn9JswideMlwq40qJMAO3II6JyhpDZPmi3CmVKjwOSYBAmA==
tp @inquirer/type@4.3.1 sha512-WzfM7UPG5F8fhKPey5pTkAZQrGcGjOHbm6YLotuDdiuAkXEHiHSZh59yNeZs4RyrMHcZEZrl+GOcuLzzfLKJqg==
tp @inquirer/ansi@2.1.1 sha512-WwCc5T9554vU/M3W6mztOJvZK/5RgMwQsGlSZSZpKA/H2IfsTWIPdn1WiS8+HHjhe3H0IsmQCXUlDbvGM6vvuA==
tp chalk@6.0.1 sha512-/Ce6KNm3vIbWdMlNna6RVIZ/ICQxnJxCicet5LBKK9ZffBkqzDw0xh9EiKSljdRtiIQ1S1z4YgcscUUGzNCWrA==
tp commander@15.1.0 sha512-cgnQ88TRrWcC7pVq46RzJVRMktu3W2RcbnoidnfBsl1bmDCBwJS/udcIZpKoCrbAYYaCqsz1yZCVIgbIaU3ddQ==
tp ws@8.23.1 sha512-1rzWDSN0NOi3tpwgHsQExjWRoKUGtjCkJ2gZRaaRtzhYLboMytOI9pj9PU7yCgY37auqdd4OyLofZDbkeuZmPA==
tp react@19.3.1 sha512-QNhWdt7nrgVWWQG58QuGsAR3jv3Hbe4mb4vz7w2csnHavciZJgda1CPNaldF6eVxv90ud3jUXpKlHL69gO38yw==
tp react-reconciler@0.34.0 sha512-eVibvB1fc9j5Qf1KRkiM3GzRPBdjg2P6G6QV2f3P6Eb3OGMxRBhdg2rrUwjbV5JrQaJj8nOa8uajmmJA5tJWjQ==
tp scheduler@0.28.0 sha512-juorfCmIkIw8tT+p5BXSm6PJjQF/ycEYmKyzURCIt/RaZIhL+PulbQ9Yu2z1HdOJDdqDTlxA1+xKBmHXJsczAw==
tp yoga-layout@3.2.1 sha512-0LPOt3AxKqMdFBZA3HBAt/t/8vIKq7VaQYbuA8WxCgung+p9TVyKRYdpvCb80HcdTN2NkbIKbhNwKUfm3tQywQ==
tp marked@18.3.0 sha512-ed8zmPXlBb3UfGXN5iHMQyMhFpdqLgoV5umUXx/Q1R+FW3q8VpqpyoKUwlENL9appo2UMvNLURDVaT3AMOryGA==
tp diff@9.0.0 sha512-svtcdpS8CgJyqAjEQIXdb3OjhFVVYjzGAPO8WGCmRbrml64SPw/jJD4GoE98aR7r25A0XcgrK3F02yw9R/vhQw== dir=libesm
tp strip-ansi@7.2.0 sha512-yDPMNjp4WyfYBkHnjIRLfca1i6KMyGCtsVgoKe/z1+6vukgaENdgGBZt+ZmKPc4gavvEZ5OgHfHdrazhgNyG7w==
tp ansi-regex@6.6.0 sha512-XZ5apbzreCbXSKwPjJstu8R0zOi247w3XYwWxtwBXgpZrCyc1Ka7p9/xY0A9/diMewmHbEKz+FIraWaEWjlN5g==
tp ansi-styles@7.0.0 sha512-kKvt3m4uwzqL0wlkPd09CmljPJGOZZ4D0fP65sqFSvPkMRKhNi+74MgIJ5QxE6SxqB4t4KyUFGg8+n5zjo6hew==
tp supports-color@11.0.0 sha512-/zyImLdxhdygBIaVX0xTlQhKaCDLCrm665aqHk8xqK/Pa6k61fL6gwQGQq1k31yNyz6x55PppQgF2DMyPQa5xw==
tp wrap-ansi@10.0.2 sha512-6OLRNZqRntVGBm26ghZ5eZhCuWWyOkRCSn8XsOIuq5stpCE/tjLbdozd93naILZig0lmD8ANfRwnhn0DLeXGlg==
tp string-width@9.0.0 sha512-2MOboAIRIszVGZVPA2Zqwj0ujd0o+xAZ5y2ft4OcD4kuVQ4phZxq0Sv7YTY8yaDA2CSMXch1EWTkJw+tTJZTzA==
tp emoji-regex@11.0.0 sha512-2qQtc7syPcJmvF7BfKxBvwgvhzDth6u3q23+Jr4JOQUcmMGgmj7B4/ePZ2DmOhrrb77S8kMNHq2kilVASysfqA==
tp get-east-asian-width@1.7.0 sha512-XjH1AECxf0giL2V1aU8vKyRR2ppRUb5c0EvT7zuJTokQ74bNo52zOtghqdWIqrhUD79fo3x0WfKZdOqxF6LG1Q==
tp cli-boxes@4.0.1 sha512-5IOn+jcCEHEraYolBPs/sT4BxYCe2nHg374OPiItB1O96KZFseS2gthU4twyYzeDcFew4DaUM/xwc5BQf08JJw==
tp cli-cursor@5.0.0 sha512-aCj4O5wKyszjMmDT4tZj93kxyydN/K5zPWSCe6/0AV/AA1pqe5ZBIw0a2ZfPQV7lL5/yb5HsUreJ6UFAF1tEQw==
tp restore-cursor@5.1.0 sha512-oMA2dcrw6u0YfxJQXm342bFKX/E4sG9rbTzO9ptUcR/e8A33cHuvStiYOwH7fszkZlZ1z/ta9AAoPk2F4qIOHA==
tp signal-exit@4.1.0 sha512-bzyZ1e88w9O1iNJbKnOlvYTrWPDl46O1bG0D3XInv+9tkPrxrN8jUUTiFlDkkmKWgn1M6CfIA13SuGqOa9Korw==
tp execa@10.2.1 sha512-/Bofl3ZBh2Q4/PG0W63qFzP5vDAypi8Zc90UWTBzaDNIYiX7apPOd0N6L8hG8CojUdq4V51adu8BObP+iVsSTw==
tp cross-spawn@7.1.2 sha512-8BPK2r+sKWC8sDinRwLwrFMq2lXTBBwzYYEB9LiCznfMurOi4FOvQflq3XOLGG+HPdMSVpe+k/s96+AtDEOgPg==
tp which@7.0.0 sha512-RancgH2dmbLdHl6LRhEqvklWMgl/Hdnun0Y90KhBOLkMefg8Qa7/Zel8Sm+8HEcP6DEjzsWzpkuBQEZok58isA==
tp isexe@4.0.0 sha512-FFUtZMpoZ8RqHS3XeXEmHWLA4thH+ZxCv2lOiPIn1Xc7CxrqhWzNSDzD+/chS/zbYezmiwWLdQC09JdQKmthOw==
tp shell-quote@1.12.0 sha512-PcByqNyT/38F2kDNi006HAMRJaULuBzq/FOsw3qdZvX/GA9W/jamDaRskgHjubHiftXK5sIFxLNkvrXUwcof6Q==
tp minimatch@11.0.10 sha512-L3/cjhQ5E6lft0VCp/2mO3Ic74RnutKy3rz7iGwp/6w1hKcO262g2rbfacFyw6eBig5OdI0nu5PpuA0/WQs9Tw==
tp picomatch@4.0.7 sha512-qcJu88Q2IWqJsDD529JKMdwGm/dvInW4HvQnRwiH9JtihJvzGOscDtHE3x1pBKeUOTysQ8kVmLnJ2kJu7yhcGA==
tp micromatch@4.0.8 sha512-PXwfBhYu0hBCPw8Dn0E+WDYb7af3dSLVWKi3HGv84IdF4TyFoC0ysxFd0Goxw7nSv4T/PzEJQxsYsEiFCKo2BA==
tp braces@3.0.3 sha512-yQbXgO/OSZVD2IsiLlro+7Hf6Q18EJrKSEsdoMzKePKXct3gvD8oLcOQdIzGupr5Fj+EDe8gO/lxc1BzfMpxvA==
tp fill-range@7.1.1 sha512-YsGpe3WHLK8ZYi4tWDg2Jy3ebRz2rXowDxnld4bkQB00cc/1Zw9AWnC0i9ztDJitivtQvaI9KaLyKrc+hBW0yg==
tp to-regex-range@5.0.1 sha512-65P7iz6X5yEr1cwcgvQxbbIw7Uk3gOy5dIdtZ4rDveLqhrdJP+Li/Hx6tyK0NEb+2GCyneCMJiGqrADCSNk8sQ==
tp is-number@7.0.0 sha512-41Cifkg6e8TylSpdtTpeLVMqvSBEVzTttHvERD741+pnZ8ANv0004MRL43QKPDlK9cGvNp6NZWZUBlbGXYxxng==
tp fast-glob@3.3.3 sha512-7MptL8U0cqcFdzIzwOTHoilX9x5BrNqye7Z/LuC7kCMRio1EMSyqRK3BEAUD7sXRq4iT4AzTVuZdhgQ2TCvYLg==
tp ignore@7.0.17 sha512-0c3zcBRlWmcKhcIQWckzkYncJRv5HHB8O32wO/FcWL8DDXWDJgiEF6SX9ThbTv5h/eZ+xJK+VvDjjQ+cQJhp3Q==
tp chokidar@6.0.0 sha512-Ec2Z7wpcKBiMpR7DxteoqS/sq5G5d2A4fpxzPv6+fD7xNNdrTghn7L11YwV5EN1B3i72Erc3XVT5FkWIDx90+A==
tp readdirp@5.1.1 sha512-Kko+Y5XQ6fM+Ce3dq3m9YGxnacYZYl9cA1wZjaF3Vbry2L3i1qVg8+CAgNPsXRArPMUMCaOR7oa9Nqntc43JKA==
tp debug@4.4.3 sha512-RGwwWnwQvkVfavKVt22FGLw+xYSdzARwm0ru6DhTVA3umU5hZc28V3kO4stgYryrTlLpuvgI9GiijltAjNbcqA==
tp uuid@14.0.3 sha512-Sc5u1VVln93y1Xnz4R+CunOZc7R9LUcTmhj7Rc7Eg3HVcf7rVn2FOoa812fe0W8p3jD7xeoGSYbfqCGGH2B6xw==
tp nanoid@6.0.2 sha512-hIvVOb9Qr1p/9CNNLOe0OlWvgx/ziTsVwKN/GDSsuArN2K0wDiafP3s0SWmsm7o2BdnyS8Z9Z64NFBUbn6ziBg==
tp mime-types@3.0.2 sha512-Lbgzdk0h4juoQ9fCKXW4by0UJqj+nOOrI9MJ1sSj4nI8aI2eo1qmvQEie4VD1glsS250n15LsWsYtCugiStS5A==
tp form-data@4.0.6 sha512-vKatAh4SlVfgbv+YtmhiRjhEMJsYpsG1Y2rMQtR+SVSbytsSD1YGzDIcrAJmdFec88u/+VoGmxnl+80gL1tRCQ==
tp combined-stream@1.0.8 sha512-FQN4MRfuJeHf7cBbBMJFXhKSDq+2kAArBlmRBvcvFE5BB1HZKXtSFASDhdlz9zOYwxh8lDdnvmMOe/+5cdoEdg==
tp asynckit@0.5.0 sha512-uVtNMW2mMSraLQ5kC/JJ9j1nPrd7c6zqMFTW57QJ5VibCJsU6ckcedOoNSoq7kQJ4WFgJIjFm0VF3hbHvh6/ww==
tp delayed-stream@1.0.0 sha512-ZySD7Nf91aLB0RxL4KGrKHBXl7Eds1DAmEdcoVawXnLD7SDhpNgtuII2aAkg7a7QS41jxPSZ17p4VdGnMHk3MQ==
tp follow-redirects@1.16.3 sha512-toOSoqN6d51Wjf1aOFJYcoVv1aND9rj/CwjLU0Vz40oDuSpWDayCeKe4JpL5NL0WdFvoOOCI3BRo69HahjbR1A==
tp proxy-from-env@2.1.0 sha512-cJ+oHTW1VAEa8cJslgmUZrc+sjRKgAKl3Zyse6+PV38hZe/V6Z14TbCuXcan9F9ghlz4QrFr2c92TNF82UkYHA==
tp https-proxy-agent@9.1.0 sha512-ag87y7cJJ9/3+GxFr8Oy4O5faDsGRGnBGsJj/YjOSsSx/5eadKLYTMPlzuR6obgoCDDm0abAAZitXXQkMOPSpA==
tp http-proxy-agent@9.1.0 sha512-2NxoveTT58mjYT4n3RPTEfCZGLMbidoO8XEieXfpSYxu+PQJ1qpx4ypwH6N+uF9twBPIvRRgvkvW5HUTYWENig==
tp agent-base@9.0.0 sha512-TQf59BsZnytt8GdJKLPfUZ54g/iaUL2OWDSFCCvMOhsHduDQxO8xC4PNeyIkVcA5KwL2phPSv0douC0fgWzmnA==
tp socks@2.8.11 sha512-2H/uQ7+SNP0hK16RorTak0mWrFoqo4AnAVGSUl2dT07obgWdWt9grml+VDl1LklgUOPWM4Abo0u86Cvp8vFjYw==
tp socks-proxy-agent@10.1.0 sha512-WlMj/67cEJ6MDI1OcsnjuYKDNDoyPCCYZ249kuuXPiMDw9F8PXkVaQ7YWu3siTydfQ/4BEZcvGzu+aYvz7dDCQ==
tp ip-address@10.7.7 sha512-He15rAs4jip5AEAz7XM9L+S6Y8LBMIDj6YewbYuJfmDnOCKWb+3TLOGnHFBTAIW7wpm5ohtZ+Xyo5PEaG+O2vQ==
tp smart-buffer@4.2.0 sha512-94hK0Hh8rPqQl2xXc3HsaBoOXKV20MToPkcXvwbISWLEs+64sBq5kFgn2kJDHb1Pry9yrP0dxrCI9RRci7RXKg==
tp node-fetch@3.3.2 sha512-dRB78srN/l6gqWulah9SrxeYnxeddIG30+GOqK/9OlLVyLg3HPnr6SqOWTWOXKRwC2eGYCkZ59NNuSgvSrpgOA==
tp whatwg-url@17.3.0 sha512-KwOAJrpf+GTgBvcBQJcP38sMF0DsQKdwtG+TxM2pW44P6E5k0hDbWrDmyuJDIF0Uef0aQq0ZoJs+5oI+k8ddhg==
tp tr46@7.0.0 sha512-BcDSDW+SIGWVOns1Zm6Yg91q9AEj7eaID0QDY9oIqJD1A8dscNwMcl9Sms2DeuWCNov1X0/oXanHGYQBSLwZsg==
tp webidl-conversions@8.0.1 sha512-BMhLD/Sw+GbJC21C/UgyaZX41nPt8bUTg+jWyDeg7e7YN4xOM05YPSIXceACnXVtqyEw/LMClUQMtMZ+PGGpqQ==
tp iconv-lite@0.7.3 sha512-IKXpvIzjnC9XTAUbVBcMfGS0EPaIXtW6v+zr+RRp+hqULEpo0owZax6wyRwPOJbWbzjYspQwusTsfVr0ifh4uQ==
tp safer-buffer@2.1.2 sha512-YZo3K82SD7Riyi0E1EQPojLz7kpepnSQI9IyPbHHg1XXXevb5dJI7tpyN2ADxGcQbHG7vcyRHk0cbwqcQriUtg==
tp jose@6.2.19 sha512-NnThKzdK4dJTUQOBoMB0bF3Xmw4EtbFTo4xzeLaoBwcuOdBVDQcKB3/86DUTWjVMXkZOdaqZVo2OU6DllhS+9Q==
tp lru-cache@11.5.4 sha512-B8nJCTi8JuSaDBg0tBdnImV6j5O2CXaqKfdj24ZTCFbyivN8KZ2Z+RL3aHjwJAfLutD9cNnObG4SIgW4gMufiw==
tp p-limit@7.3.3 sha512-SKgVvDU5TNIxQ4r30U75BNLC6a+6GOEjngrk/ysM5+Zu3oJuk1SC5ApzIzY/7PjCEjoVPMWJ0zho/4QUiEB7TQ==
tp yocto-queue@1.2.2 sha512-4LCcse/U2MHZ63HAJVE+v71o7yOdIe4cZ70Wpf8D/IyjDKYQLV5GD46B+hSTjJsvV5PztjvHoU580EftxjDZFQ==
tp p-queue@10.0.0 sha512-P2wrCri3bhGLPo3kX7qYVXbo/5GvaVATU0DpO24CbeT53Y4z35t8JUWku04ERpXHUYB5rPMi3TkWE3fmJgx5rA==
tp eventemitter3@5.0.4 sha512-mlsTRyGaPBjPedk6Bvw+aqbsXDtoAyAzm5MO7JgU+yVRyMQ5O8bD4Kcci7BS85f93veegeCPkL8R4GLClnjLFw==
tp tslib@2.9.1 sha512-a4Ux9VKuIMHsOS7ENbEq6hK2ZGYIT27Rtl0E4eD9KqwxhKiQeMZE/9xb3IdYwWaSOyIBQLExhQgXDTYoiCxnWA==
tp fast-xml-parser@5.12.1 sha512-wR8dO/fx+z8C5exuem1e7BKOWvjsuzvjS/tvA/Xu3Z1zQqJGcXrPzXbcAiaMgp2KjreEROcTkmnnisrcmJ2hYQ==
tp strnum@2.5.1 sha512-UM4nTLWzQiDBseVxUGxN0wJzIk0UU89Qi7pKXz9qISo+lhviJikTuikBsK/oFRlpvYHvSdz0TVoLyQ+sEpYwxA==
tp sax@1.6.1 sha512-42tBVwLWnaQvW5zc4HbZrTuWccECCZfBi92FDuwtqxasH+JbPB3/FOKb1m222K42R4WxuxzzMsTswfzgtSu64Q==
tp entities@9.0.0 sha512-oJFNDJg3kTPwAD1cNn2+WmUq4wFoo09npc3Ydf1D7ED4smRiWrsKnaLxykrTWgyGEcusc87P5dxlAleol9kpkg==
tp htmlparser2@12.0.0 sha512-Tz7u1i95/g2x2jz81+x0FBVhBhY5aRTvD3tXXdFaljuNdzDLJ8UGNRrTcj2cgQvAg3iW/h77Fz15nLW0L0CrZw==
tp domhandler@6.0.1 sha512-gYzvtM72ZtxQO0T048kd6HWSbbGCNOUwcnfQ01cqIJ4X2IYKFFHZ5mKvrQETcFXxsRObZulDaKmy//R7TPtsBg==
tp domutils@4.0.2 sha512-qI4JLRKnSzqFqr7hAlS5xQDusBCjKSEG4t4+7aNrIQMHBcsC2TGEhuyABJdYkgSewL57PNLYEiibY2iPKhKpaA==
tp dom-serializer@3.1.1 sha512-4MEa38/QexBob6gFNwu+EGdWvhJ1OKuNwdYY3Y3NyeWDQfnGeDYQUDfIRzWu5B5gsv03so2Uxd28YC6zrsx3Lw==
tp domelementtype@3.0.0 sha512-umCQid3jKbDmVjx8jGaW7uUykm4DEUeyV21hPxNMo2nV955DhUThwqyOIDtreepP31hl84X7G5U9ZfsWvIB3Pg==
tp turndown@7.2.5 sha512-EKZvCCFHh8sWttpAMs10U6niZFJ2cpz8LkCPlylxoG4JcHF50J7EHnnBW3AY1qXtUMu7kDjCp7dnggB1sIbqEQ== file=lib/turndown.es.js
tp @mixmark-io/domino@2.2.0 sha512-Y28PR25bHXUg88kCV7nivXrP2Nj2RueZ3/l/jdx6J9f8J4nsEGcgX0Qe6lt7Pa+J79+kPiJU3LguR6O/6zrLOw== dir=lib
tp js-yaml@5.5.0 sha512-paNr4LFIFPjeeSmwNYdrb8FafLLG/Cr2Af3GjbsHJ5CxIjH4r0c2emlmRdAtpPAieP1gRVzk6buBbVP5gBMGAg==
tp argparse@3.0.4 sha512-fwWK3Zq22l4XJJjx5mcBHGikIk+hJqO+32dPm0Jur7+rtG5x1scOjSfdT9ZKeWHPpsya/l0HHK4tDImBkTrtvA==
tp dotenv@18.0.10 sha512-89FAA1xchzK2mxVWdr5F/0rldwiueXs6zJM86rO66EzekR1iBdiXRthyG+m5GvkJaFH3C2LESzamTkgndmLT2A==
tp ini@7.0.0 sha512-ifK0CgjALofS5bkrcTy4RaQ9Vx2Knf/eLeIO+NaswQEpH1UblrtTSCIvN71qQDMq0PeQ/SSPojvEJp9vvvfr+w==
tp env-paths@4.0.0 sha512-pxP8eL2SwwaTRi/KHYwLYXinDs7gL3jxFcBYmEdYfZmZXbaVDvdppd0XBU8qVz03rDfKZMXg1omHCbsJjZrMsw==
tp graceful-fs@4.2.12 sha512-iuyGF2E4oafQfPsRrG2wtY2ILupMhvtdrhzrxB+0VcjsPpSPttpfYdjnGFGsTi5MaJFjI1jOKHPQ6UTbTj9TAw==
tp fs-extra@11.4.1 sha512-KYAb4c9BJQI6QqGKthV68OHe0badztdXJWKo0WtBA9IuCFPTKvE5ZdUBglP833aMjhaSPNO4A5j/EkzZtGlKjA==
tp jsonfile@6.2.1 sha512-zwOTdL3rFQ/lRdBnntKVOX6k5cKJwEc1HdilT71BWEu7J41gXIB2MRp+vxduPSwZJPWBxEzv4yH1wYLJGUHX4Q==
tp universalify@2.0.1 sha512-gptHNQghINnc/vTGIk0SOFGFNXw7JVrlRUtConJRlvaw6DuX0wO5Jeko9sWrMBhh+PsYAZ7oXAiOnf/UKogyiw==
tp tar@8.0.4 sha512-efl2GHJOnqAV5jVrxbM8T3KrLyCAdcwtqF7tJOEJAe1S8rUJSkGrPu6nSZLJP6/KE7U2hDpMcktnKLx3iPwcZQ==
tp minipass@7.1.3 sha512-tEBHqDnIoM/1rXME1zgka9g6Q2lcoCkxHLuc7ODJ5BxbP5d4c2Z5cGgtXAku59200Cx7diuHTOYfSBD8n6mm8A==
tp minizlib@3.1.0 sha512-KZxYo1BUkWD2TVFLr0MQoM8vUUigWD3LlD83a/75BqC+4qE0Hb1Vo5v1FgcfaNXvfXzr+5EhQ6ing/CaBijTlw==
tp yallist@5.0.0 sha512-YgvUTfwqyc7UXVMrB+SImsVYSmTS8X/tSrtdNZMImM+n7+QTriRXyXim0mBrTXNeqzVF0KWGgHPeiyViFFrNDw==
tp chownr@3.0.0 sha512-+IxzY9BZOQd/XuYPRmrvEVjF/nqj5kgT4kEq7VofrDoM1MxoRjEWkrCC3EtLi59TVawxTAn+orJwFQcrqEN1+g==
tp open@11.0.4 sha512-++Zlftm0kVLPmzC06t6epuWmcRMDbI4z5P3NNX979WA/k23+NtSOynEGzsVfZwguKw2mi5umVgnBlJQMwRz4Pg==
tp is-wsl@3.1.1 sha512-e6rvdUCiQCAuumZslxRJWR/Doq4VpPR82kqclvcS0efgt430SlGIk05vdCN58+VrzgtIcfNODjozVielycD4Sw==
tp is-docker@4.0.0 sha512-LHE+wROyG/Y/0ZnbktRCoTix2c1RhgWaZraMZ8o1Q7zCh0VSrICJQO5oqIIISrcSBtrXv0o233w1IYwsWCjTzA==
tp define-lazy-prop@3.0.0 sha512-N+MeXYoqr3pOgn8xfyRPREN7gHakLYjhsHhWGT3fWAiL4IkAt0iDw14QiiEm2bE30c5XX5q0FtAA3CK5f9/BUg==
tp default-browser@5.5.1 sha512-m1pAzaJgZ/gssEqlOhJkPJp8Xly7QyW6xcrkUa2KKcDeDSEMP7X8xipU3snUcfisTQx0w1AGae+9UtJSfVnXGw==
tp bundle-name@4.1.1 sha512-DdH81/zPLVS11EUgWq3tEu/xn+EzljlMYooDNdzWEnFha3R3NBMpMV1UqYIpjYHV/SgpFKMIX1Oh7o06SjM/oA==
tp run-applescript@7.1.0 sha512-DPe5pVFaAsinSaV6QjQ6gdiedWDcRCbUuiQfQa2wmWV7+xC9bGulGI8+TdRmoFkAPaBXk8CrAbnlY2ISniJ47Q==
tp dayjs@1.11.23 sha512-QDTCU0M0MxR3hQfnlDJfwekQiaanm1ubOD231u73WBckQ/fsamwRLiE2GBz6D3a/xF1NgfiDLJjXBa1hYOYTtQ==
tp fuse.js@7.5.0 sha512-sQtrEfA+ez/3G0cCZecF70oqpCRttCexYUG4mUrtWL49ULUzUyxokt5kyqwtKzj1270RaKih+hcP3qLcumccow== file=dist/fuse.mjs
tp fflate@0.8.3 sha512-tbZNuJrLwGUp3zshBtdy4W+ORxZuIh8a5ilyIEQDC5rY1f3U20JMry0Ll3WBzU58EZKsEuJFXhb5gwv8CsPvgA== dir=esm
tp jszip@3.10.2 sha512-3l+rb15IOWtUhU0H5MFqES/T6Kh7abYwjosBey/vD6hDt8zoEffkSC5Ws5SGtgVw3gBx2NEbhTeSW1+kWkpyTQ== dir=lib
tp pako@3.0.3 sha512-tmrebBBYI5FOw8QICGwJNqE8fotC8R+gwcxOvoFNv+GKehOI6Lc6YBolNcQNnC4v96l1wt7rh102ifD4kVeZAQ==
tp yauzl@3.4.0 sha512-jIH9yLR9wqr0wOS0TpBvo/g/2UgZH5qePVbjgRliiF0BYvOZyaBknKsF+x9Iht0O6sqgnB93rCICdOZFecJuDw==
tp yazl@3.3.1 sha512-BbETDVWG+VcMUle37k5Fqp//7SDOK2/1+T7X8TD96M3D9G8jK5VLUdQVdVjGi8im7FGkazX7kk5hkU8X4L5Bng==
tp sharp@0.35.6 sha512-6MTx2/BiKtKIqmYG49Rovjaw9pSk/CM8w4Dy6gMCPFKw+ZpK/icwIJQnEGlkIzCR+HS4arUBzxNM6sE9CgNyeA==
tp color@5.0.3 sha512-ezmVcLR3xAVp8kYOm4GS45ZLLgIE6SPAFoduLr6hTDajwb3KZ2F46gulK3XpcwRFb5KKGCSezCBAY4Dw4HsyXA==
tp color-convert@3.1.3 sha512-fasDH2ont2GqF5HpyO4w0+BcewlhHEZOFn9c1ckZdHpJ56Qb7MHhH/IcJZbBGgvdtwdwNbLvxiBEdg336iA9Sg==
tp color-name@2.1.1 sha512-p2FdgwVx1a9yWBHP2wI0VgShkDpgN4kZISkxdNipGBJWpa5G6b04OINlVWCyJj0JmfvcPrgqt95E9k8yvaOJFg==
tp color-string@2.1.4 sha512-Bb6Cq8oq0IjDOe8wJmi4JeNn763Xs9cfrBcaylK1tPypWzyoy2G3l90v9k64kjphl/ZJjPIShFztenRomi8WTg==
tp simple-swizzle@0.2.4 sha512-nAu1WFPQSMNr2Zn9PGSZK9AGn4t/y97lEm+MXTtUDwfP0ksAIX4nO+6ruD9Jwut4C49SB1Ws+fbXsm/yScWOHw==
tp is-arrayish@0.3.4 sha512-m6UrgzFVUYawGBh1dUsWR5M2Clqic9RVXC/9f8ceNlv2IcO9j9J/z8UoCLPqtsPBFNzEpfR3xftohbfqDx8EQA==
tp ky@2.2.0 sha512-4+B63kyZt+Y8snQiUGydK1vgY9xYQJZEh9K/nIAIEts+gYJzy1EiAw3BbK8xpWRuWUpN70SNCMjqRGTm75xxIA==
tp async@3.2.6 sha512-htCUDlxyyCLMgaM3xXg0C0LW2xqfuQ6p05pCEIsXuyQ+a1koYKTuBMzRNwmybfLgvJDMd0r1LTn4+E0Ti6C2AA== file=dist/async.mjs
tp bluebird@3.7.2 sha512-XpNj6GDQzdfW+r2Wnn7xiSAd7TM3jzkxGXBGTtWKuSXv1xUV+azxAm8jdWZN06QTQk+2N2XB9jRDkvbmQmcRtg== dir=js/release
tp graphql@17.1.0 sha512-JKCOa7rSQNrket/JFhuua86hljUO+IIpyUHfKxlKD6FEfbrLX8jc1FDrA0KPKI+s8OspBCF/5npYccAICHXPpQ==
tp @octokit/core@7.0.8 sha512-L7y8eYc+AwxGr2PWI4WFt1VG4TiJ66c26BD16mXpYIlXxG0SMigM1+m4aTSlYyBr5BlQsGAlz8uDCoZN4SEMcg==
tp @octokit/request@10.0.16 sha512-A0zWGjHzISIb+9ccG8s0dq7LKO5zVpJLRICjgUb+sJxEWqn8RUHB1rD3AE51+PECvXHIxqZ1VVvs4fHTSD9nUQ==
tp @octokit/endpoint@11.0.6 sha512-H52ocs+dXsxmLtMPqabXz0p+mNWfe5RacpUHq8sB6mJLiMPU6PF/7O0Bl/U8a8WrV1NzWNYpXwZW0zo0BeoT2A==
tp @octokit/request-error@7.1.2 sha512-XZRuT3xZ84D3gYErI1DZvhJ33dCWVV6uzBtWkaBB4TvA/L6eOeTZodxLFVB44bBEEo3vEx7y00UfX1tBLrtLRg==
tp @octokit/plugin-rest-endpoint-methods@18.0.0 sha512-1wM02pQTHEarWYij0Bb4gu8X8fBy2FJdI4HMTSFDxtYLbOkJErGVx5ywmM6jeS8tOmC0iCiRLrn6YsSIecUeOQ==
tp @octokit/plugin-paginate-rest@16.0.0 sha512-7RtUeGZypAK4EA4LrjTCnsLALNOoUcYh5vOnCNXpdIQVTQCPh4OFu7324iPqAls3KGgVnZktKUnNKZCOKyHrlA==
tp @octokit/auth-token@6.0.0 sha512-P4YJBPdPSpWTQ1NU4XYdvHvXJJDxM6YwpS0FZHRgP7YFkdVxsWcpWGy/NVqlAA7PcPCnMacXlRm1y2PFZRWL/w==
tp @octokit/graphql@9.0.6 sha512-NZuqjuSGn8DEMq4fq/QWhg6DoqGdNOkKPi5R1kZ8Y3k+MqeRopYRSa3hccdHhGP4ISfV8BHv9+YURO4TEkbRWQ==
tp universal-user-agent@7.0.3 sha512-TmnEAEAsBJVZM/AADELsK76llnwcf9vMKuPz8JflO1frO8Lchitr0fNaN9d+Ap0BjKtqWqd/J17qeDnXh8CL2A==
tp before-after-hook@4.0.0 sha512-q6tR3RPqIB1pMiTRMFcZwuG5T8vwp+vUvEG0vuI6B+Rikh5BfPp2fQ82c925FOs+b0lcFQ8CFrL+KbilfZFhOQ==
tp once@1.4.0 sha512-lNaJgI+2Q5URQBkccEKHTQOPaXdUxnZZElQTZY0MFUAuaEqe1E+Nyvgdz/aIyNi6Z9MzO5dv1H8n58/GELp3+w==
tp wrappy@1.0.2 sha512-l4Sp/DRseor9wL6EvV2+TuQn63dMkPjZ/sp9XkghTEbV9KlPS1xUsZ3u7/IQO4wxtcFB4bgpQPRcR3QCvezPcQ==
tp fetch-blob@4.0.0 sha512-nPmnhRmpNMjYWnp9EBMGs6z5lq9RXed5W1vuZcECrsDVQInM8AMQSooVb3X183Aole60adzjWbH9qlRFWzDDTA==
tp formdata-polyfill@4.0.10 sha512-buewHzMvYL29jdeQTVILecSaZKnt/RJWjoZCF5OW60Z67/GmSLBkOFM7qh1PI3zFNtJbaZL5eQu1vLfazOwj4g==
tp abort-controller@3.0.0 sha512-h8lQ8tacZYnR3vNQTgibj+tODHI5/+l06Au2Pcriv/Gmet0eaj4TwWH41sO9wnHDiQsEj19q0drzdWdeAHtweg==
tp event-target-shim@6.0.2 sha512-8q3LsZjRezbFZ2PN+uP+Q7pnHUMmAOziU2vA2OwoFaKIXxlxl38IylhSSgUorWu/rf4er67w0ikBqjBFk/pomA==
tp readable-stream@4.8.0 sha512-2jhTTU3Eilp/2DMT71gbcoqC35eQHasMJH0RHkYxwlxIv3+FR6Y5xAFZIwEGLxKkjZYEFlsiMNIdwUqjK2lLHQ==
tp string_decoder@1.4.0 sha512-r8azg21Y67ckRmeG0hHol5CeDXMs4ZFkFT6eXMO39hX7khvJcopBcYTCeWZ0rQXkMoPh8lVdbjmsOMGL8krxRQ==
tp inherits@2.0.4 sha512-k/vGaX4/Yla3WzyMCvTQOXYeIHvqOKtnqBduzTHpzpQZzAskKMhZ2K+EnBiSM9zGSoIFeMpXKxa4dYeZIQqewQ==
tp util-deprecate@1.0.2 sha512-EPD5q1uXyFxJpCrLnCc1nHnq3gOa6DZBocAIiI2TaSCA7VCJ1UJDMagCzIkXNsUYfD1daK//LTEQ8xiIbrHtcw==
tp buffer-crc32@1.0.0 sha512-Db1SbgBS/fg/392AblrMJk97KggmvYhr4pB5ZIMTWtaivCPMWLkmb7m21cJvpvgK+J3nsU2CmmixNBZx4vFj/w==
tp crc-32@1.2.2 sha512-ROmzCKrTnOwybPcJApAA6WBWij23HVfGVNKqqrZpuyZOHqK2CwHSvpGuyt/UNNvaIjEd8X5IFGp4Mh+Ie1IHJQ==
tp @smithy/smithy-client@4.15.2 sha512-qweA7dHwcWmq8IN2mIGo7nAfeji1nwWBra+P3nz4R8W8yoQYE6Iy2bN33I0W3d50MN/V5EiDY/nElr4EHITsrg==
tp @smithy/middleware-retry@4.8.2 sha512-wj0BTZ6SC7YI8hSLMbZCO1BP7k8JOuSUHjRYrZJApqNEiHL6jxaLs5Sr92EeXu5CuVzZOUCFUuewXusWxps0bQ==
tp @smithy/protocol-http@5.6.2 sha512-Asd04MaxODN6FNY8EPTeCAM4kPNi3jDUAjZU0Y4F9rHvpLUrrUo7KLcxFgSthywFr6dZfIyDLIJda6jxmVTk5w==
tp @smithy/util-stream@4.8.2 sha512-R+S7jmu8VdbtOygMUSIGfkmOBp0SowT8+8LZdk21oXdmmKfN4G/bwN5IGIi0UH3RwWc9KJWDH1Dzm45DClyUvw==
tp @smithy/node-http-handler@4.14.2 sha512-i1uORV1v3qBqP43ayRKzIdm1q5x14tf8N4Dd06/QUX1Szm6VxHMrTsu20X5E63UFsaNZCRjI4SXG0jDmqYa+3w==
tp @smithy/signature-v4@5.7.5 sha512-WPjdr5oWOk1LArpI4pavu+fSo+/evi0Re1olxGvqwuZopd4gYR1UGCi+Soyn/IjmafqbWs+ZC+3AKxJS3ZpwUg==
tp @smithy/core@3.41.1 sha512-24LyiHSY0R/MLcbTylurWXU6Uy4lzI6KJgsdzxkNnjT9/OLWc2zGPb/3k5AM1f0vcgCGrExanUG339t+TBiIrA==
tp @aws-sdk/client-bedrock-runtime@3.1178.0 sha512-wkzfgrn8iNeEIne94EK8b/tf+4kP1jHRGpnCaHeeBVvUtkYM+cxWe/BhXtggy/tlb0EkaQrBEfvtYGWbPUEGgg==
tp @azure/msal-common@16.18.0 sha512-s8KSGftv9kpQDD4RpOPTdsyK3SjSIKdCNDfAjeWOQAKi/EkNZ0Bk9ePZS+rUdYXXSSuQH5n992+zOZFP60W+uw== dir=dist
tp @azure/msal-node@7.2.4 sha512-zJxXVdSuWgog5ZVKGfS/OqZqKGkNu/N55xHlyGYvwJzjgWJWqCg0zy9meOCa7CFG1npTGdX4bvtNS/zZ7tQdzg== dir=dist
tp @azure/identity@4.14.1 sha512-HHuuFrmN1uuF9D5A6aAo5eHzNFNX4Q+P4SksZqDKse5YaJFFy/zDLG3wXHEV2FVGgetZ3QM8jGURNBtnQYf1NQ==
tp @azure/core-rest-pipeline@1.25.1 sha512-fTIA3CAm/cdODqiXkO6jYOIkU2Ylld7vq65KGc70gTwl12sLQsC8v7I5t6tp2N2CfUONzZBXyeFw7KEu6Ks2zg==
tp @azure/core-auth@1.11.0 sha512-IUZydyTUkDnYdstOW9pFOOUQlBjAepK5teihDE3x6yxsPJs/hsAaaYpeGxdxrgtOiJbBKSjKW7MDk7AEhb4LRg==
tp @azure/core-util@1.14.0 sha512-9n2pWK61veAuN0V20t9lOuoV4CFMdyAZ1ygZzvBGk/pBBJRib/PjL9PLXa/aI2CcPpyHfqVsxxqLCYl6uZlfDw==
tp @azure/abort-controller@2.2.0 sha512-fNAjWnA/nZ2jz31kxR/AqRaUT8ewHBw/WuBIosK0moMy1C9e5ValbDfFdIxJzVOOYaYkV/b2F1S4H/aHiqfVQg==
tp @azure/logger@1.4.0 sha512-rbAE25KUfjU/s3XHUdJgceoCP5dEOpMx85J04kF+QMdta73XkuG9JGHHinch+XIoKpBdqljin+KqURpJriSzLA==
tp @typespec/ts-http-runtime@0.3.11 sha512-KZlacW7zFdcIOAcpNiV5U9fy0Tfgw7xdEc4rVyuUtQS+UR1Sn32PXuAz+AJ70Y0yzTWh62/pEEpFmWUJl6YySw==
tp openai@7.60.0 sha512-vipS79MnBZX6zpWjMGdRQazRcbYc3CxGUNZYLpd8YANeq1ZlTAZeHctkeUJvqDVcET7+kHI2osGWyhk3Co9odg==
tp ansi-escapes@7.3.0 sha512-BvU8nYgGQBxcmMuEeUEmNTvrMVjJNSH7RgW24vXexN4Ven6qCvy4TntnvlnwnMLTVlcRQQdbRY8NKnaIoeWDNg==
tp cli-spinners@3.4.0 sha512-bXfOC4QcT1tKXGorxL3wbJm6XJPDqEnij2gQ2m7ESQuE+/z9YFIWnl/5RpTiKWbMq3EVKR4fRLJGn6DVfu0mpw==
tp cli-truncate@6.2.0 sha512-5uyZew3nYoDgyltqSI8OER6DuyecorYOSVDAXl9wQ9Y8Re/HaQ/5qP0HmTUOUQqmvtpB+mlsf1gG/FUS3U1gLQ==
tp slice-ansi@10.0.1 sha512-CJKEH3zwVX4bOnE+bFbmh+JK/YMT9VAazqBsVBTesnYKXlNtz6oVmrhNp1jHrxHzscuUkWiKZpzNzFraZcrorg==
tp is-fullwidth-code-point@5.1.0 sha512-5XHYaSyiqADb4RnZ1Bdad6cPp8Toise4TzEjcOYDHZkTCbKgiUl7WTUCpNWHuxmDt91wnsZBc9xinNzopv3JMQ==
tp figures@6.1.0 sha512-d+l3qxjSesT4V7v2fh+QnmFnUWv9lSpjarhShNTgBOfA0ttejbQUAlHLitbjkoRiDulW0OPoQPYIGhIC8ohejg==
tp log-symbols@7.0.1 sha512-ja1E3yCr9i/0hmBVaM0bfwDjnGy8I/s6PP4DFp+yP+a+mrHO4Rm7DtmnqROTUkHIkqffC84YY7AeqX6oFk0WFg==
tp ora@10.0.0 sha512-jlxvSlLi1aKgPUnRf8NMjwyor1CM4K+faxuycHYTvygjjtkM596tQBXGEp/PQAVqzftrCBMRJlw6+RAJS5nOtQ==
tp is-unicode-supported@2.1.0 sha512-mE00Gnza5EEB3Ds0HfMyllZzbBrmLOX3vfWoj9A9PEnTfratQ/BcaJOuMhnkhjXvb2+FkY3VuHqtAGpTPmglFQ==
tp is-interactive@2.0.0 sha512-qP1vozQRI+BMOPcjFzrjXuQvdak2pHNUMZoeG2eRbiSqyvbEf/wQtEOTOX1guk6E3t36RkaqiSt8A/6YElNxLQ==
tp stdin-discarder@0.3.2 sha512-eCPu1qRxPVkl5605OTWF8Wz40b4Mf45NY5LQmVPQ599knfs5QhASUm9GbJ5BDMDOXgrnh0wyEdvzmL//YMlw0A==
tp mimic-function@5.0.1 sha512-VP79XUPxV2CigYP3jWwAUFSku2aKqBH7uTAapFWCBqutsbmDo96KY5o8uh6U+/YSIn5OxJnXp73beVkpqMIGhA==
tp onetime@8.0.0 sha512-ODz2CnF+9043eG3exS38Efor4ekggmKvIydHaXWr1n9mXA5Afn8BdSsvVpa5AhBWricxhdBMfyeG3Yo3SB+VWA==
tp strip-final-newline@4.0.0 sha512-aulFJcD6YK8V1G7iRB5tigAP4TsHBZZrOV8pjV++zdUwmeV8uzbY7yn6h9MswN62adStNZFuCIx4haBnRuMDaw==
tp npm-run-path@6.0.0 sha512-9qny7Z9DsQU8Ou39ERsPU4OZQlSTP47ShQzuKZ6PRXpYLtIFgl/DEBYEXKlvcEa+9tHVcK8CF81Y2V72qaZhWA==
tp path-key@4.0.0 sha512-haREypq7xkM7ErfgIyA0z+Bj4AGKlMSdlQE2jvJo6huWD1EdkKYV+G/T4nq0YEF2vgTT8kqMFKo1uHn950r4SQ==
tp shebang-command@2.0.0 sha512-kHxr2zZpYtdmrN1qDjrrX/Z1rR1kG8Dx+gkpK1G4eXmvXswmcE1hTWBWYUzlraYw1/yZp6YuDY77YtvbN0dmDA==
tp shebang-regex@4.0.0 sha512-YSKeSljCliLkWidW84GWL1HCguI0iEqhnBOLhrVXw/fN9he9ngekCy8zqJ1jXTPYmJ3Xkf3gLuNDVHQWdRqinw==
tp human-signals@8.0.1 sha512-eKCa6bwnJhvxj14kZk5NCPc6Hb6BdsU9DZcOnmQKSnO1VKrfV0zCvtttPZUsBvjmNDn8rpcJfpwSYnHBjc95MQ==
tp is-stream@4.0.1 sha512-Dnz92NInDqYckGEUJv689RbRiTSEHCQ7wOVeALbkOz999YpqT46yMRIGtSNl2iCL1waAZSx40+h59NV/EwzV/A==
tp get-stream@9.0.1 sha512-kVCxPF3vQM/N0B1PmoqVUqgHP+EeVjmZSQn+1oCRPxd2P21P2F19lIgbR3HBosbB1PUhOAoctJnfEn2GbN2eZA==
tp merge-stream@2.0.0 sha512-abv/qOcuPfk3URPfDzmZU1LKmuw8kT+0nIHvKrKgFrwifol/doWcdA4ZqsWQ8ENrFKkd67Mfpo/LovbIUsbt3w==
tp fast-json-stable-stringify@2.1.0 sha512-lhd/wF+Lk98HZoTCtlVraHtfh5XYijIjalXck7saUtuanSDyLMxnHhSXEDJqHxD7msR8D0uCmqlkwjCV8xvwHw==
tp json-stringify-safe@5.0.1 sha512-ZClg6AaYvamvYEE82d3Iyd3vSSIjQ+odgjaTzRuO3s7toCdFKczob2i0zCh7JE8kWn17yvAWhUVxvqGwUalsRA==
tp lodash.merge@4.6.2 sha512-0KpjqXRVvrYyCsX1swR/XTK0va6VQkQM6MNo7PqW77ByjAhoARA8EfrP1N4+KlKj8YS0ZUCtRT/YUuhyYDujIQ==
tp deepmerge@4.3.1 sha512-3sUqbMEc77XqpdNO7FRyRog+eW3ph+GYCbj+rK+uYyRMuwsVy0rMiVtPn+QJlKFvWP/1PYpapqYn0Me2knFn+A==
tp dequal@2.0.3 sha512-0je+qPKHEMohvfRTCEo3CrPG6cAzAYgmzKyxRiYSSDkS6eGJdyVJm7WaYA5ECaAD9wLB2T4EEeymA5aFVcYXCA==
tp klona@2.0.6 sha512-dhG34DXATL5hSxJbIexCft8FChFXtmskoZYnoPWjXQuebWYCNkVeV3KkGegCK9CP1oswI/vQibS2GY7Em/sJJA==
tp fast-equals@6.2.2 sha512-n+XqoarWCgcar0O3om3DeNYx6xTuLWGTUF1bRZ9iuO00tsPepzP1L4V7rqtxxZ4PEya34UCESReimFvxmEVwIA==
tp escape-string-regexp@5.0.0 sha512-/veY75JbMK4j1yjvuUxuVsiS/hr/4iHs9FTT6cgTexxdE0Ly/glccBAkloH/DofkjRbZU3bnoj38mOmhkZ0lHw==
tp is-plain-obj@4.1.0 sha512-+Pgi+vMuUNkJyExiMBt5IlFoMyKnr5zhJ4Uspz58WOhBF5QoIZkFyNHIbBAtHwzVAgk5RtndVNsDRN61/mmDqg==
tp camelcase@10.0.0 sha512-p1wew5BGDCONz/5R+xHF6ByqXQM2V+5r4e+FdlFUeROawuMPimdDOFLw5k2QSqp1rm5h2QAglToqJyvnsl3ArQ==
tp decamelize@7.0.0 sha512-uT/0KzZIx9u4b5vW3HLWtSYwjLTuY2QFVY3xNmfXXUmTqnfgzfT8DEA2gY93go5sXEjnbqP66KcURdVxm0rDXA==
tp yargs@18.2.0 sha512-9OpKOLeaoNFecEp7P6iYbzze/5CqWoH7N3SMs/6y1XF4nMvFMspEGZzJ6uFi9MmQwXhyzqYoSEKO3tvA3Z/o2w==
tp yargs-parser@22.0.0 sha512-rwu/ClNdSMpkSrUb+d6BRsSkLUq1fmfsY6TOpYzTwvwkg1/NRG85KBy3kq++A8LKQwX6lsu+aWad+2khvuXrqw==
tp cliui@9.0.1 sha512-k7ndgKhwoQveBL+/1tqGJYNz097I7WOvwbmmU2AR5+magtbjPWQTS1C5vzGkBC8Ym8UWRzfKUzUUqFLypY4Q+w==
tp y18n@5.0.8 sha512-0pfFzegeDWJHJIAmTLRP2DwHjdF5s7jo9tuztdQxAhINCdvS+3nGINqPd00AphqJR/0LhANUS6/+7SCb98YOfA==
tp get-caller-file@2.0.5 sha512-DyFP3BM/3YHTQOCUL/w0OZHR0lpKeGrxotcHWcqNEdnltqFwXVfhEBQ94eIo34AfQpo0rGki4cyIiftY06h2Fg==
tp require-directory@2.1.1 sha512-fGxEI7+wsG9xrvdjsrlmL22OMTTiHRwAMroiEeMgq8gzoLC/PQr7RsRDSTLUg/bZAZtF+TVIkHc6/4RIKrui+Q==
tp escalade@3.2.0 sha512-WUj2qlxaQtO4g6Pq5c29GTcWGDyd8itL8zTlipgECz3JesAiiOKotd8JU6otB3PACgG6xkJUyVhboMS+bje/jA==
tp minimist@1.2.8 sha512-2yyAR8qBkN3YuheJanUpWC5U3bb5osDywNB8RzDVlDwDHbocAJveqqj1u8+SVD7jkWT4yvsHCpWqqWqAxb0zCA==
tp kleur@4.1.5 sha512-o+NO+8WrRiQEE4/7nwRJhN1HWpVmJm511pBHUxPLtp0BUISzlBplORYSmTclCnJvQq2tKu/sgl3xVpkc7ZWuQQ==
tp picocolors@1.1.1 sha512-xceH2snhtb5M9liqDsmEw56le376mTZkEX/jEb/RxNFyegNul7eNslCXP9FDj/Lcu0X8KEyMceP2ntpaHrDEVA==
tp colorette@2.0.20 sha512-IfEDxwoWIjkeXL1eXcDiow4UbKjhLdq6/EuSVR9GMN7KVH3r9gQ83e73hsz1Nd1T3ijd5xv1wcWRYO+D6kCI2w==
tp boxen@9.0.0 sha512-PdzDS/iXrRlY3eWTL8hKcqEioYZ9RCcn0IGf8BjrLvc+YWa/hNjOrE/5Sl2Ai6mOFePuDgC2y4zF0I6GUwfVUQ==
tp widest-line@6.0.0 sha512-U89AsyEeAsyoF0zVJBkG9zBgekjgjK7yk9sje3F4IQpXBJ10TF6ByLlIfjMhcmHMJgHZI4KHt4rdNfktzxIAMA==
tp ansi-align@3.0.1 sha512-IOfwwBF5iczOjp/WeY4YxyjqAFMQoZufdQWDd19SEExbVLNXqvpzSJ/M7Za4/sCPmQ0+GRquoA7bGcINcxew6w==
tp terminal-link@5.0.0 sha512-qFAy10MTMwjzjU8U16YS4YoZD+NQLHzLssFMNqgravjbvIPNiqkGFR4yjhJfmY9R5OFU7+yHxc6y+uGHkKwLRA==
tp supports-hyperlinks@4.6.0 sha512-FL/q/YePS4tFFTNiBOR+zPk2ZrKheqNtmTJ/9OUZ4e1wKHJofDbGQSmSsxS0XNnabSkqexryCaXGvEKz1vf9UQ==
tp has-flag@5.0.1 sha512-CsNUt5x9LUdx6hnk/E2SZLsDyvfqANZSUq4+D3D8RzDJ2M+HDTIkF60ibS1vHaK55vzgiZw1bEPFG9yH7l33wA==
tp tmp@0.2.7 sha512-e0votIpp4Uo2AJYSzVHV6xCcawuiez3DzqDAbrTc3YxBkplN6e+dM13ZeIcZnDg/QpSuU2zfZ3rzwY8ukEnaXw==
tp unique-string@3.0.0 sha512-VGXBUVwxKMBUznyffQweQABPRRW1vHZAbadFZud4pLFAqRGvv/96vafgjWFqzourzr8YonlQiPgH0YCJfawoGQ==
tp crypto-random-string@6.0.0 sha512-x0TyqnFhk1RLzfzhtnDUEzUEox0C9NoY6s29nUVKUg8KZXa8XXgWD37T1+1yfrFI2ccSUnfscJ2y6n1FhR9+hw==
tp xdg-basedir@5.1.0 sha512-GCPAHLvrIH13+c0SuacwvRYj2SxJXQ4kaVTT5xgL3kPrz56XxkF21IGhjSE1+W0aw7gpBWRGXLCPnPby6lSpmQ==
tp conf@16.0.0 sha512-CwqpY9jSpU6uYeObCwfRGqiEsd/DnU7rruwiFNapZPsOB8p2U65p+MzccEsdvg+KLis1Y1d1Mo3rKkTTzWONSA==
tp dot-prop@10.2.0 sha512-BTJ9aZYL3vCfZlZOBLy9v8TUqWGQ0pzFnygKwFZt5udj6viBoFIBviKPUoZLDCPn1FoXffv6McQFDenrm5Krfw==
tp atomically@2.1.1 sha512-P4w9o2dqARji6P7MHprklbfiArZAWvo07yW7qs3pdljb3BWr12FIB7W+p0zJiuiVsUpRO0iZn1kFFcpPegg0tQ==
tp keyv@6.1.0 sha512-0OO64DxKOITdyQljNCcO+vc+iyaPmm3OV5eKOWRxWCp3V0QnXenpqcKfjGjycNILUJNV+erm1ose6Hsgr1fNFA==
tp http-cache-semantics@4.3.0 sha512-M5t5LlJpS1UHMjvwRQVdFHvPISGeLAxNcrWuJkeGh0KxsqCHZ1O3NXZU/8x7cD0BDcGW8kapxMKTvwlqrNkHkA==
tp mimic-response@4.0.0 sha512-e5ISH9xMYU0DzrT+jl8q2ze9D6eWBto+I8CNpe+VI+K2J/F/k3PdkdTdz4wvGVH4NTpo+NRYTVIuMQEMMcsLqg==
tp lowercase-keys@4.0.1 sha512-wI9Nui/L8VfADa/cr/7NQruaASk1k23/Uh1khQ02BCVYiiy8F4AhOGnQzJy3Fl/c44GnYSbZHv8g7EcG3kJ1Qg==
tp quick-lru@7.3.0 sha512-k9lSsjl36EJdK7I06v7APZCbyGT2vMTsYSRX1Q2nbYmnkBqgUhRkAuzH08Ciotteu/PLJmIF2+tti7o3C/ts2g==
tp p-timeout@8.0.0 sha512-IHjMTvwSvMPKVfGAVTRxI+Ea6Vu5soB0oaC3fuEc58EI01T36AiVclDTTYoHBO8M1gjxqAvgkRLm33TGUCzEDw==
tp p-retry@9.0.0 sha512-HuEats8gYn/UUYa5uyveyQGv75mQmwdFtuMgnZlS12dj/7bdnJSO6keaTjgcZUhvkANTj5EO3lACUmV3xmgj0Q==
tp retry@0.13.1 sha512-XQBQ3I8W1Cge0Seh+6gjj03LbmRFWuoszgK9ooCpwYIrhhoO80pfq4cUkU5DkknwfOfFteRwlZ56PYOGYyFWdg==
tp is-network-error@1.3.2 sha512-PhBY86zaxNZUuWP6h13Vu5oFe0XY6/UlKzQnYFELzGVHygP3MxmvTfYSG7GN3aIab/iWudSMgjSnG9Dq+nHrgA==
tp eventsource@5.1.5 sha512-Z41ZPzy7CM1NgAKgrG6pzPdOSimaly20ZY3+6opMQw/VEso+xhPWX4asJT2WAX8zPyFitV3C1+WJMWSLKSlAWg==
tp eventsource-parser@4.1.3 sha512-jZVIVilXZfAx6H20ZKKEj5dabbpD9ETmMj3uHsjMmgBzBHB6tsHrmdWB4mAiy3amtN6MOoVkfXRQu4wf1n88Rw==
tp content-type@3.1.1 sha512-GW4qUsfFo59d0HbUibDlWv5wPz+vAAcaTWbKIuKCf0JkC7wWkSyf8f13IpXn5JkeMlB2P8iTSSIjwXljorg2vA==
tp content-disposition@3.1.0 sha512-6lwVDK9bsenmMu7hxcLuUiu+FzFBDAdfQR1LKbE+SCo7/Qfpm2NG8X9f8AJgumfoVID/4r1stSxcmCeiT7pfkQ==
tp raw-body@4.0.0 sha512-TMHtwexrgOt9VJ2E5JF9RO8mRXGNgC5wXvKkc5AVSJUt1L5gxvjg7eiCQl96EqUEpCWrnNEkCnbAplYtyuq1IA==
tp bytes@3.1.2 sha512-/Nf7TyzTx6S3yRJObOAV7956r8cr2+Oj8AC5dt8wSP3BQAoeX58NoHyCU8P8zGkNXStjTSi6fzO6F0pBdcYbEg==
tp http-errors@2.0.1 sha512-4FbRdAX+bSdmo4AUFuS0WNiPz8NgFt+r8ThgNWmlrjQjt1Q7ZR9+zTlce2859x4KSXrwIsaeTqDoKQmtP8pLmQ==
tp statuses@2.0.2 sha512-DvEy55V3DB7uknRo+4iOGT5fP1slR8wQohVdknigZPMpMstaKJQWhwiYBACJE3Ul2pTnATihhBYnRhZQHGBiRw==
tp depd@2.0.0 sha512-g7nH6P6dyDioJogAAGprGpCtVImJhpPk/roCzdb3fIh61/s/nPsfR6onyMwkCAR/OlC3yBC0lESvUoQEAssIrw==
tp setprototypeof@1.2.0 sha512-E5LDX7Wrp85Kil5bhZv46j8jOeboKq5JMmYM3gVGdGH8xFpPWXUMsNrlODCrkoxMEeNi/XZIwuRvY4XNwYMJpw==
tp toidentifier@1.0.1 sha512-o5sSPKEkg/DIQNmH43V0/uerLrpzVedkUh8tGNvaeXpfpuwjKenlSox/2O/BTlZUtEe+JG7s5YhEz608PlAHRA==
tp cookie@2.0.2 sha512-SL0cVuEdETEp7pN0FuZb01toc3vnODEfVUCooxG1SJN0yIirh7JMb9X9bvfCFf0vzzbT68RdbKDHYTiWy7a7iw==
tp vary@1.1.2 sha512-BNGbWLfd0eUPabhkXUVm0j8uuvREyTh5ovRa/dyow/BqAbZJyC+5fU+IzQOzmAKzYqYRAISoRhdQr3eIZ/PXqg==
tp etag@2.0.0 sha512-VAAHisD+mLp44CUBFlxhXE2f/5wi3FA2N3fIrUVfln9I61JtBG3QtY/Zhd23ohEW4cfGlT/Fn6IpM/wmfP6IRA==
tp fresh@2.0.0 sha512-Rx/WycZ60HOaqLKAi6cHRKKI7zxWbJ31MhntmtwMoaTeF7XFH9hhBp8vITaMidfljRQ6eYWCKkaTK+ykVJHP2A==
tp on-finished@2.4.2 sha512-ATWUv387i+nLD49EiDoOft5scf32Vsdz3ktrQJG9bi7jRFmaXTssvyvj1EmeKVVgvesbqUtvQQvaS2TpTukAZQ==
tp ee-first@1.1.1 sha512-WMwm9LhRUo+WUaRN+vRuETqG89IgZphVSNkdFgeb6sS/E4OrDIN7t48CAewSHXc6C8lefD8KKfr5vY61brQlow==
tp encodeurl@3.0.1 sha512-Q0sf/OO/QjJIpnVmCAbVrXPVtRIvswiUKn3tIix+o1ZoRNQUUaXozxW+0T6SPWNAU2w2eDSHAEhrZbMeobzg7A==
tp escape-html@1.0.3 sha512-NiSupZ4OeuGwr68lGIeym/ksIZMJodUGOSCZ/FSnTxcrekbvqrgdUxlJOMpijaKZVjAJrWrGs/6Jy8OMuyj9ow==
tp range-parser@2.0.0 sha512-oo1OWPM+Kr0RNsLxydqNnFjO1FJMBCK5Pv4zbtUVP5eqESF7mbhFFWkbq1Y2hoR2tQnRtB8XUhm98nJ2AXnvZg==
tp parseurl@1.3.3 sha512-CiyeOxFT/JZyN5m0z9PfXw4SCBJ6Sygz1Dpl0wqjlhDEGGBP1GnsUVEL0p63hoG1fcj3fHynXi9NYO4nWOL+qQ==
tp qs@6.17.1 sha512-jd3COkaKVgGUW+ZHyEHCG9bH7RoaaiWuMgzsIBjUMVjLAaWGWpoUAVwljVvBHxRu/2qEHnadLGZrkutYUBPQJA==
tp side-channel@1.1.1 sha512-6x6dK6zJdpTzF4sQeNYxwtvBzf6Eg4GtlesS94HOvTudUeyK2WXAaIfmDgsyslYrRBeFIlsi54AYsFGUuhmvrQ==
tp object-inspect@1.14.0 sha512-IVgHNlp/jwQX271+Xzoq9LZNTWXxZK+cEOrGBOBxXNbn7fapnZ+Ts6TVMgNOuAezwG2wdtnMX97tTPK6VEnuOQ==
tp express@5.3.0 sha512-qCqy1xSoaugxOD4IVHb1ZWdkvCF2W3aE2okKouWj8VwJ+ztskSiXoBnCSJqfKT+cVPJhuJqe9YLbY425+Zh00g==
tp body-parser@2.4.0 sha512-Ifk1KcLrxaGt1occQagQNFNNOqRt1LFuehEnHHzB8Z6cRgIxRU1TBaiIsUiCdA+gy5PL7Y1IX31DNKkRmxtXjQ==
tp router@2.3.0 sha512-bpowRfGjEPe8t9R6fJIzhwmyCGAXwKvxBUsgJm+bJukwdcWmUXbMo7p22w7aYmQBPQTUMNqMV39YX0kMou3z8w==
tp send@1.2.1 sha512-1gnZf7DFcoIcajTjTwjwuDjzuz4PPcY2StKPlsGAQ1+YH20IRVrBaXSWmdjowTJ6u8Rc01PoYOGHXfP1mYcZNQ==
tp serve-static@2.2.1 sha512-xRXBn0pPqQTVQiC8wyQrKs2MOlX24zQ0POGaj0kultvoOCstBQM5yvOhAVSUwOMjQtTvsPWoNCHfPGwaaQJhTw==
tp finalhandler@2.1.1 sha512-S8KoZgRZN+a5rNwqTxlZZePjT/4cnm0ROV70LedRHZ0p8u9fRID0hJUZQpkKLzro8LfmC8sx23bY6tVNxv8pQA==
tp accepts@2.0.0 sha512-5cvg6CtKwfgdmVqY1WIiXKc3Q1bkRqGLi+2W/6ao+6Y7gu/RCwRuAhGEzh5B4KlszSuTLgZYuqFqo5bImjNKng==
tp negotiator@1.1.0 sha512-NMPBRMJgiQHjbd8phG3Vebdx4kZ1H121rbl5IkMqeOsahptB9BKo/d7oJ3zTXqTgagn2bWlNSXkh0QUGM31RYg==
tp type-is@3.0.0 sha512-txjx+lbH40MgknWZzdizD8FjUukflN5xG/i8t6tggtJuHkEjHD1t6eYE4LwJRDImCbzU6FCg/IAsoyy/BoFIfw==
tp media-typer@2.0.0 sha512-kOy3OxT2HH39N70UnKgu4NWDZjLOz8W/mfyvniHjRH/DrL3f2pOfvWQ4p60offbbtDAnXWp0v9LfMIqMec269Q==
tp cors@2.8.6 sha512-tJtZBBHA6vjIAaF6EnIaq6laBBP9aq/Y3ouVJjEfoHbRBcHBAHYcMh/w8LDrk2PvIMMq8gmopa5D4V8RmbrxGw==
tp path-to-regexp@9.0.0 sha512-kfo5HIFCfEH24bcHSWEFIfrwiCsm/DXR+j1fc0696VIdWkICdAcKH2LxRClvz5HQcG4iCQpb4qBZ7pttGPG/dA==
tp ipaddr.js@2.5.0 sha512-aq+t5NAc+cS6rZQQVWC2x98CPqGtKKTMDd4Gaodv0wShnItdKg/51djkGJ1hqH+Oy0ivDftCbSLCQob8zso01w==
tp forwarded@0.2.0 sha512-buRG0fpBtRHSTCOASe6hD258tEubFoRLb4ZNA6NxMVHNw2gOcwHo9wyablzMzOA5z9xA9L1KNjk/Nt6MT9aYow==
tp proxy-addr@2.0.8 sha512-5nnx0yGyVUcY6t9RnWcARWtwT9F1D8O9rt08htPvnd49W1IgZtmLkhu9WfMzQj1cFxjHIO6connUNVW5k7AVyQ==
tp merge-descriptors@2.0.0 sha512-Snk314V5ayFLhp3fkUREub6WtjBfPdCPY1Ln8/8munuLuiYhsABgBVWsozAG+MWMbVEvcdcpbi9R7ww22l9Q3g==
tp cookie-signature@1.2.2 sha512-D76uU73ulSXrD1UXF4KE2TMxVVwhsnCgfAyTg9k8P6KGZjlXKrOLe4dJQKI3Bxi5wjesZoFXJWElNWBjPZMbhg==
tp pkce-challenge@6.0.0 sha512-KrEAOa2aGlEyV+gN2jMXwSQhZ5gUR4WwivtPjSktYzh7srb70pYvVGV0uLfmoCx75fUQtqTairuoxayHLtvo9w==
tp jsonc-parser@3.3.1 sha512-HUgH65KyejrUFPvHFPbqOY0rsFip3Bo5wb4ngvdi1EpCYWUQDC5V+Y7mZws+DLkr4M//zQJoanu1SP+87Dv1oQ==
tp vscode-uri@3.2.0 sha512-m2gXo3bn0G1kT9InzMf07fTbqMbGtyckj3bH5ktLO+1Ssv+yiATZ4dhwaQv9UZWxJh6E9IFGnQyjgWVDWVBDrg==
tp vscode-jsonrpc@10.0.1 sha512-fGdu32Sp4GeSQ2twML46WPMB6cFfIJ4Vdx1K5s/WPzUYdShVPCGKscYltn5hiNz748xKNJdBHgocAvuN48tLGw==
tp vscode-languageserver-types@3.18.6 sha512-DEDtik4YupS+nOg4JxqJ2H5ec/m4tTD9a5mGcBVGYkQKZQo1AIF3ZToiP8+A0kUzyhyqX5dMnPDEnhtmzts7GA==
tp unified@11.0.5 sha512-xKvGhPWw3k84Qjh8bI3ZeJjqnyadK+GEFtazSfZv/rKeTkTjOJho6mFqh2SM96iIcZokxiOpg78GazTSg8+KHA==
tp unist-util-visit@5.2.0 sha512-fpsYs/VVoZxfGY9/j3FQpZmN8wdLJaV1Pt38AaJNZu9uKIHcFU3halCdBveEq1HGKO1OEfJY65w1zvoFV1b3qQ==
tp unist-util-visit-parents@6.1.0 sha512-vKXxz6O38sKDj1mtx/k2cWvkkFBuYGx6uGrlzBkVeWCRF/F8sdI0j3Wbkz/5rVNRRuVc8UrgRdbCxNhmYXgP3w==
tp unist-util-is@6.0.1 sha512-LsiILbtBETkDz8I9p1dQ0uyRUWuaQzd/cuEeS1hoRSyW5E5XGmTzlwY1OrNzzakGowI9Dr/I8HVaw4hTtnxy8g==
tp vfile@6.0.3 sha512-KzIbH/9tXat2u30jf+smMwFCsno4wHVdNmzFyL+T/L3UGqqk6JKfVqOFOZEpZSHADH1k40ab6NUIXZq422ov3Q==
tp vfile-message@4.0.4 sha512-66ycRswIkNmHH9PHku7ADtv5RVwgIrOcuv3J8Svz6h4qgGRrKVa+9/neuKyJZUXyOpYwLTvS+whZ4R2urHHgQg==
tp bail@2.0.2 sha512-0xO6mYd7JB2YesxDKplafRpsiOzPt9V02ddPCLbY1xYGPOX24NTyN50qnUxgCPcSoYMhKpAuBTjQoRZCAkUDRw==
tp trough@2.2.0 sha512-tmMpK00BjZiUyVyvrBK7knerNgmgvcV/KLVyuma/SC+TQN167GrMRciANTz09+k3zW8L8t60jWO1GpfkZdjTaw==
tp devlop@1.1.0 sha512-RWmIqhcFf1lRYBvNmr7qTNuyCt/7/ns2jbpp1+PalgE/rDQcBT0fioSMUpJ93irlUhC5hrg4cYqe6U+0ImW0rA==
tp zwitch@2.0.4 sha512-bXE4cR/kVZhKZX/RjPEflHaKVhUVl85noU3v6b8apfQEc1x4A+zBxjZ4lN8LqGd6WZ3dl98pY4o717VFmoPp+A==
tp character-entities@2.0.2 sha512-shx7oQ0Awen/BRIdkjkvz54PnEEI/EjwXDSIZp86/KKdbafHh1Df/RYGBhn4hbe2+uKC9FnT5UCEdyPz3ai9hQ==
tp decode-named-character-reference@1.3.0 sha512-GtpQYB283KrPp6nRw50q3U9/VfOutZOe103qlN7BPP6Ad27xYnOIWv4lPzo8HCAL+mMZofJ9KEy30fq6MfaK6Q==
tp ccount@2.0.1 sha512-eyrF0jiFpY+3drT6383f1qhkbGsLSifNAjA61IUjZjmLCWjItY6LB9ft9YhoDgwfmclB2zhu51Lc7+95b8NRAg==
tp longest-streak@3.1.0 sha512-9Ri+o0JYgehTaVBBDoMqIl8GXtbWg711O3srftcHhZ0dqnETqLaoIK0x17fUw9rFSlK/0NlsKe0Ahhyl5pXE2g==
tp markdown-table@3.1.0 sha512-xpeSCdM+B+6P3ncfgaB7FoDbtJ30xAe6Z18TGT7AgXJsHqCElCICZovQqdRMm7kHgpTyYv36EupqewoFFSB8vw==
tp mdast-util-from-markdown@2.1.0 sha512-KRLgmPaP2H1ul2bpoJkOS+9pAcDAAj9Nu1mqLnh8NLeJG5tlvj42TH80PIGBpROWlRXLk0lDrWNuZCFy/tsB4A==
tp mdast-util-to-markdown@2.2.5 sha512-mxOMQQ8NgisvTarkSUqZwi6GmzNo490V932DpEK/0+OETIeVJBzq4QuMt45fqqcsF5EYMlJENjSSAZxh89VJsg==
tp mdast-util-to-string@4.0.0 sha512-0H44vDimn51F0YwvxSJSm0eCDOJTRlmN0R1yBh4HLj9wiV1Dn0QoXGbvFAWj2hSItVTlCmBF1hqKlIyUBVFLPg==
tp micromark@4.0.3 sha512-oGYfQzHSG5dOMovQcJ3fyTmZlWAWpi0XA0sJwJs+i6OT88o1+Jtw/8z0CmdowSLxGhhFK89rQ/oXph/wN02PNw==
tp micromark-util-character@2.1.1 sha512-wv8tdUTJ3thSFFFJKtpYKOYiGP2+v96Hvk4Tu8KpCAsTMs6yi+nVmGh1syvSCsaxz45J6Jbw+9DD6g97+NV67Q==
tp micromark-util-chunked@2.0.1 sha512-QUNFEOPELfmvv+4xiNg2sRYeS/P84pTW0TCgP5zc9FpXetHY0ab7SxKyAQCNCc1eK0459uoLI1y5oO5Vc1dbhA==
tp micromark-util-symbol@2.0.1 sha512-vs5t8Apaud9N28kgCrRUdEed4UJ+wWNvicHLPxCa9ENlYuAY31M0ETy5y1vA33YoNPDFTghEbnh6efaE8h4x0Q==
tp micromark-core-commonmark@2.0.4 sha512-wxEeE8v8XVvOrxn1TZj74qYhAtTQsSqufHVS3uNVyT1MupXxhyaHk8/9xDNPh9BmL77QNDgWTkZ3RsYHB2ry7w==
tp strip-json-comments@5.1.0 sha512-ErcwpJBYr8EfX/Br7JauOIGXoRE92w0hVtuS9j92UFgbATxA+WRSIZksSUDzEeItfWB/0QCEprTZT55RSINUHQ==
tp parse-json@8.3.0 sha512-ybiGyvspI+fAoRQbIPRddCcSTV9/LsJbf0e/S85VLowVGzRmokfneg2kwVW/KU5rOXrPSbF1qAKPMgNTqqROQQ==
tp json-parse-even-better-errors@6.0.0 sha512-2/8adwnK1/+Fdjyts4r6wSpfANWw8zdNhU9U/Llk59c6O+DjSisPWPykwoL8gZmocP9Dy64S7oie2g+Mia123A==
tp lines-and-columns@2.0.4 sha512-wM1+Z03eypVAVUCE7QdSqpVIvelbOakn1M0bPDoA4SGWPx3sNDVUiMo3L6To6WWGClB7VyXnhQ4Sn7gxiJbE6A==
tp @babel/code-frame@8.0.6 sha512-uMHhvmDmwFiLuiozaoRYTZHqMFuu3fem/X9JY78lohAuLoh8LSGGC8JqUzo2cVuBsBxkjMZNk56CE7ock8Xxkw==
tp js-tokens@10.0.2 sha512-DXL98F5NsFBwDz7kcb4UUlrg9ePDgBCPjK4inUYi5gahxsTrKNW8Oh6F3WAuh7hntbP41EL/DkUYccRsDfLQLQ==
tp strip-bom@5.0.0 sha512-p+byADHF7SzEcVnLvc/r3uognM1hUhObuHXxJcgLCfD194XAkaLbjq3Wzb0N5G2tgIjH0dgT708Z51QxMeu60A==
tp resolve-from@5.0.0 sha512-qYg9KP24dD5qka9J47d0aVky0N+b4fTU89LN9iDnjB5waksiC49rvMB0PrUJQGoTmH50XPiqOvAjDfaijGxYZw==
tp import-fresh@4.0.1 sha512-/XFeXYgkuWgbtqPC7qPKvciXTvhtz7WMNQKQsAM1Kz+j0I5OWJDrybfiya6QtHF9oEvPkLwTHmC9+4OR/MmfIA==
tp callsites@4.2.0 sha512-kfzR4zzQtAE9PC7CzZsjl3aBNbXWuXiSeOCdLcPpBfGW8YuCqQHcRPFDbr/BPVmd3EEPVpuFzLyuT/cUhPr4OQ==
tp parent-module@3.2.0 sha512-2Ik9vslIJdx+teObUMPbYd5ONHrTh0EH6o88qNQqU2o+JKPR13V5cmoWmCBn3G7V5pyomexaZixyQoHfzl5E4g==
tp find-up@8.0.0 sha512-JGG8pvDi2C+JxidYdIwQDyS/CgcrIdh18cvgxcBge3wSHRQOrooMD3GlFBcmMJAN9M42SAZjDp5zv1dglJjwww==
tp locate-path@8.0.0 sha512-XT9ewWAC43tiAV7xDAPflMkG0qOPn2QjHqlgX8FOqmWa/rxnyYDulF9T0F7tRy1u+TVTmK/M//6VIOye+2zDXg==
tp p-locate@7.0.0 sha512-FRPW2lT1b/B8/CNkCOZ/Xl4mz52CWzwb+/dLa0GcCrH7u7djFf36VftuRJ5w/eCr1YXtbTGPuGoEDVSk14EwNQ==
tp path-exists@5.0.0 sha512-RjhtfwJOxzcFmNOi6ltcbcu4Iu+FL3zEj83dk4kAS+fVpTxXLO1b38RvJgT/0QwvV/L3aY9TAnyv0EOqW4GoMQ==
tp unicorn-magic@0.4.1 sha512-lzlXPoVB0Uy/FvTaUgX39RbixYiSKoc3JSoSf01+0c2B6FR3qdYIPN7Qjo/AV7n6sqLCk0509cT3LRj1oSZ1+A==
tp globby@16.2.4 sha512-c8B/VNLmxRcmqqenRA9t+9IyOjf9+V6lTxPaUJLqOCONdQkWZ0ETYgX0qbtJqPsgCNusT9MZ5Jeidw8Eb9tn2g==
tp slash@5.1.0 sha512-ZA6oR3T/pEyuqwMgAKT0/hAv8oAXckzbkmR0UkUosQ+Mc4RxGoJkRmwHgHufaenlyAgE1Mxgpdcrf75y6XcnDg==
tp merge2@1.4.1 sha512-8q7VEgMJW4J8tcfVPy8g09NcQwZdbwFEqhe/WZkoIzjn/3TGDwtOCYtXGxA3O8tPzpczCCDgv+P2P5y00ZJOOg==
tp fastq@1.20.3 sha512-XKv5nnLs6nLF71NgiKJLIZFLkPyIEuOselLG7ujZnGrRfQK8HpvY+WqKhAJUAdLomwVHErVS4LfxFlPq0/FTAw==
tp reusify@1.1.0 sha512-g6QUff04oZpHs0eG5p83rFLhHeV00ug/Yf9nZM6fLeUrPguBTkTQOdpAWWspMh55TZfVQDPaN3NQJfbVRAxdIw==
tp run-parallel@1.2.0 sha512-5l4VyZR86LZ/lDxZTR6jqL8AFE2S0IFLMP26AbjsLVADxHdhB/c0GUsH+y39UfCi3dzz8OlQuPmnaJOMoDHQBA==
tp queue-microtask@1.2.3 sha512-NuaNSa6flKT5JaSYQzJok04JzTL1CA6aGhv5rfLW3PgqA+M2ChpZQnAC8h8i4ZFkBS8X5RqkDBHA7r4hej3K9A==
tp @nodelib/fs.scandir@4.0.1 sha512-vAkI715yhnmiPupY+dq+xenu5Tdf2TBQ66jLvBIcCddtz+5Q8LbMKaf9CIJJreez8fQ8fgaY+RaywQx8RJIWpw==
tp @nodelib/fs.stat@4.0.0 sha512-ctr6bByzksKRCV0bavi8WoQevU6plSp2IkllIsEqaiKe2mwNNnaluhnRhcsgGZHrrHk57B3lf95MkLMO3STYcg==
tp @nodelib/fs.walk@3.0.1 sha512-nIh/M6Kh3ZtOmlY00DaUYB4xeeV6F3/ts1l29iwl3/cfyY/OuCfUx+v08zgx8TKPTifXRcjjqVQ4KB2zOYSbyw==
tp glob-parent@7.0.0 sha512-4YFQjzCzhKm9T6nboyhIzXj1zzba7FSfQ2oZfSCgxS706TZ6FUY7CDSFFQw2b2Uo7RZZ/lIQ1myxwkO96sfWiA==
tp is-glob@4.0.3 sha512-xelSayHH36ZgE7ZWhli7pW34hNbNl8Ojv5KVmkJD4hBdD3th8Tfk9vYasLM+mXWOZhFkgZfxhLSnrwRr4elSSg==
tp is-extglob@2.1.1 sha512-SbKbANkN603Vi4jEZv49LeVJMn4yGwsbzZworEoyEiutsN3nJYdbO36zfhGJ6QEDpOZIFkDtnq5JRxmvl3jsoQ==
tp normalize-path@3.0.0 sha512-6eZs5Ls3WtCisHWp9S2GUy8dqkpGi4BVSz3GaqiE6ezub0512ESztXUwUB6C6IKbQkY2Pnb/mD4WYojCRwcwLA==
tp anymatch@3.1.3 sha512-KMReFUr0B4t+D+OBkjR3KYqvocp2XaSzO55UcB6mgQMd3KbcE+mWTyvVV7D/zsdEbNnV6acZUutkiHQXvTr1Rw==
tp binary-extensions@3.2.0 sha512-DjR9rgAOMQn9TrUHzijJUtvoKviDRvFxuIyqZrubxHqRpQN9OzfXrrLivm7xb3q8oJSKsiuBor4bAS2wafLnVQ==
tp is-binary-path@3.0.0 sha512-eSkpSYbqKip82Uw4z0iBK/5KmVzL2pf36kNKRtu6+mKvrow9sqF4w5hocQ9yV5v+9+wzHt620x3B7Wws/8lsGg==
tp chalk@2.4.2 sha512-Mti+f9lpJNcwF4tWV8/OrTTtF1gZi+f8FqlyAdouralcFWFQWF2+NgCHShjkCb+IFBLq9buZwE1xckQU4peSuQ== under=@babel/code-frame
tp escape-string-regexp@1.0.5 sha512-vbRorB5FUQWvla16U8R/qgaFIya2qGzwDrNmCZuYKrbdSUMG6I1ZCGQRefkRVhuOkIGVne7BQ35DSfo1qvJqFg== under=@babel/code-frame
tp color-name@1.1.3 sha512-72fSenhMw2HZMTVHeCA9KCmpEIbzWiQsjN+BHcBbS9vr1mtt+vJjPdksIBNUmKAW8TFUDPJK5SUU3QhE9NEXDw== under=@babel/code-frame
tp has-flag@3.0.0 sha512-sKJf1+ceQBr4SMkvQnBDNDtf4TXpVhVGateu0t918bl30FnbE2m4vNLX+VWe/dpjlb+HugGYzW7uQXH98HPEYw== under=@babel/code-frame
tp ansi-styles@3.2.1 sha512-VT0ZI6kZRdTh8YyJw3SMbYm/u+NqfsAxEpWO0Pf9sq8/e94WxxOpPKx9FR1FlyCtOVDNOQ+8ntlqFxiRc+r5qA== under=@babel/code-frame
tp chalk@4.1.2 sha512-oKnbhFyRIXpUuez8iBMmyEa4nbj4IOQyuhc/wy9kY7/WVPcwIO9VA668Pu8RkO7+0G76SLROeyw9CpQ061i4mA== under=boxen
tp supports-color@5.5.0 sha512-QjVjwdXIt408MIiAqCX4oUKsgU2EqAGzs2Ppkm4aQYbjm+ZEWEcW4SfFNTr4uMNZma0ey4f5lgLrkB0aX0QMow== under=@babel/code-frame
tp debug@2.6.9 sha512-bC7ElrdJaJnPbAP+1EotYvqZsb3ecl5wi6Bfi6BJTUcNowp6cvspg0jXznRTKDjm/E7AdgFBVeAPVMNcKGsHMA== under=express
tp debug@2.6.9 sha512-bC7ElrdJaJnPbAP+1EotYvqZsb3ecl5wi6Bfi6BJTUcNowp6cvspg0jXznRTKDjm/E7AdgFBVeAPVMNcKGsHMA== under=body-parser
tp debug@2.6.9 sha512-bC7ElrdJaJnPbAP+1EotYvqZsb3ecl5wi6Bfi6BJTUcNowp6cvspg0jXznRTKDjm/E7AdgFBVeAPVMNcKGsHMA== under=send
tp debug@2.6.9 sha512-bC7ElrdJaJnPbAP+1EotYvqZsb3ecl5wi6Bfi6BJTUcNowp6cvspg0jXznRTKDjm/E7AdgFBVeAPVMNcKGsHMA== under=finalhandler
tp color-convert@1.9.3 sha512-QfAUtd+vFdAtFQcC8CCyYt1fYWxSqAiK2cSD6zDB8N3cpsEBAvRxp9zOGg6G/SHHJYAT88/az/IuDGALsNVbGg== under=@babel/code-frame
tp ms@2.0.0 sha512-Tpp60P6IUJDTuOq/5Z8cdskzJujfwqfOTkrwIwj7IRISpnkJnT6SyJ4PCPnGMoFjC9ddhal5KVIYtAt97ix05A== under=express
tp ms@2.0.0 sha512-Tpp60P6IUJDTuOq/5Z8cdskzJujfwqfOTkrwIwj7IRISpnkJnT6SyJ4PCPnGMoFjC9ddhal5KVIYtAt97ix05A== under=body-parser
tp ms@2.0.0 sha512-Tpp60P6IUJDTuOq/5Z8cdskzJujfwqfOTkrwIwj7IRISpnkJnT6SyJ4PCPnGMoFjC9ddhal5KVIYtAt97ix05A== under=send
tp ms@2.0.0 sha512-Tpp60P6IUJDTuOq/5Z8cdskzJujfwqfOTkrwIwj7IRISpnkJnT6SyJ4PCPnGMoFjC9ddhal5KVIYtAt97ix05A== under=finalhandler
tp mime@1.6.0 sha512-x0Vn8spI+wuJ1O6S7gnbaQg8Pxh4NNHb7KSINmEWKiPE4RKOplvijn+NkmYmmRgP68mc70j2EbeTFRsrswaQeg== under=send
tp path-to-regexp@0.1.12 sha512-RA1GjUVMnvYFxuqovrEqZoxxW5NUZqbwKtYz/Tt7nXerk0LbLblQmrsgdeOxV5SFHf0UDggjS/bSeOZwt1pmEQ== under=express
tp iconv-lite@0.4.24 sha512-v3MXnZAcvnywkTUEZomIActle7RXXeedOR31wwl7VlyoXO4Qi9arvSenNQWne1TcRwhCL1HwLI21bEqdpj8/rA== under=body-parser
tp iconv-lite@0.4.24 sha512-v3MXnZAcvnywkTUEZomIActle7RXXeedOR31wwl7VlyoXO4Qi9arvSenNQWne1TcRwhCL1HwLI21bEqdpj8/rA== under=raw-body
tp depd@1.1.2 sha512-7emPTl6Dpo6JRXOXjLRxck+FlLRX5847cLKEn00PLAgc3g2hTZZgr+e4c2v6QpSmLeFP3n5yUo7ft6avBK/5jQ== under=send
tp glob@7.2.3 sha512-nFR0zLpU2YCaRxwoCJvL6UvCH2JFyFVIvwTLsIf21AuHlMskA1hhTdk+LlYJtOlYt9v6dvszD2BGRqBL+iQK9Q== under=protobufjs
tp statuses@1.5.0 sha512-OpZ3zP+jT1PI7I8nemJX4AKmAX070ZkYPVWV/AaKTJl+tXCTGyVdC1a4SL8RUQYEwk/f34ZX8UTykN68FwrqAA== under=send
tp http-errors@1.8.1 sha512-Kpk9Sm7NmI+RHhnj6OIWDI1d6fIoFAtFt9RLaTMRlg/8w49juAStsrBgp0Dp4OdxdVbRIeKhtCUvoi/RuAhO4g== under=send
tp minimatch@3.1.2 sha512-J7p63hRiAjw1NDEww1W7i37+ByIrOWO5XQQAzZ3VOcL0PNybwpfmV/N05zFAzwQ9USyEcX6t3UO+K5aqBQOIHw== under=protobufjs
tp brace-expansion@1.1.11 sha512-iCuPHDFgrHX7H2vEI/5xpz07zSHB00TpugqhmYtVmMO6518mCuRMoOYFldEBl0g187ufozdaHgWKcYFb61qGiA== under=protobufjs
tp concat-map@0.0.1 sha512-/Srv4dswyQNBfohGpz9o6Yb3Gz3SrUDqBH5rTuhGR7ahtlbYKnVxw2bCFMRljaA7EXHaXZ8wsHdodFvbkhKmqg== under=protobufjs
tp fs.realpath@1.0.0 sha512-OO0pH2lK6a0hZnAdau5ItzHPI6pUlvI7jMVnxUQRtw4owF2wk8lOSabtGDCTP4Ggrg2MbGnWO9X8K1t4+fGMDw== under=protobufjs
tp path-is-absolute@1.0.1 sha512-AVbw3UJ2e9bq64vSaS9Am0fje1Pa8pbGqTTsmXfaIiMpnr5DlDhfJOuLj9Sf95ZPVDAUerDfEk88MPmPe7UCQg== under=protobufjs
tp inflight@1.0.6 sha512-k92I/b08q4wvFscXCLvqfsHCrjrF7yiXsQuIVvVE7N82W3+aqpzuUdBbfhWcy/FZR3/4IgflMgKLOsvPDrGCJA== under=protobufjs
tp emoji-regex@9.2.2 sha512-L18DaJsXSUk2+42pv8mLs5jJT2hqFkFE4j21wOmgbUqsZ2hL72NsUU785g9RXgo3s0ZNgVl42TiHp3ZtOv/Vyg== under=cli-truncate
tp lru-cache@6.0.0 sha512-Jo6dJ04CmSjuznwJSS3pUeWmd/H0ffTlkXXgwZi+eq1UCmqQwCh+eLsYOYCwY991i2Fah4h1BEMCx4qThGbsiA== under=jsonwebtoken
tp yargs-parser@20.2.9 sha512-y11nGElTIV+CT3Zv9t7VKl+Q3hTQoT9a1Qzezhhl6Rp21gJ/IVTW7Z3y9EWXhuUBC2Shnf+DX0antecpAwSP8w== under=qrcode
tp balanced-match@1.0.2 sha512-3oSeUO0TMV67hN1AmbXsK4yaqU7tjiHlbxRDZOpH0KW9+CeX4bRAaX0Anxt0tx2MrpRpWwQaPwIlISEJhYU5Pw== under=protobufjs
tp yallist@4.0.0 sha512-3wdGidZyq5PB084XLES5TpOSRA3wjXAlIWMhum2kRcv/41Sn2emQ0dycQW4uZXLejwKvg6EsvbdlVL+FYEct7A== under=jsonwebtoken
tp uuid@10.0.0 sha512-8XkAphELsDnEGrDxUOHB3RGvXz6TeuYSGEZBOjtTtPm2lwhGBjLgOzLHB63IUWfBpNucQjND6d3AOudO+H3RWQ== under=@azure/identity
tp @opentelemetry/api-logs@0.57.2 sha512-uIX52NnTM0iBh84MShlpouI7UKqkZ7MrUszTmaypHBu4r7NofznSnQRfJ+uUeDtQDj6w8eFGg5KBLDAwAPz1+A== under=@opentelemetry/sdk-logs
tp semver@7.5.4 sha512-1bCSESV6Pv+i21Hvpxp3Dx+pSD8lIPt8uVjRrxAUt/nbswYc+tK6Y2btiULjd4+fnq15PX+nqQDC7Oft7WkwcA== under=jsonwebtoken
tp cliui@7.0.4 sha512-OcRE68cOsVMXp1Yvonl/fzkQOyjLSu/8bhPDfQt0e0/Eb283TKP20Fs2MqoPsr9SwA595rRCA+QMzYc9nBP+JQ== under=qrcode
tp wrap-ansi@7.0.0 sha512-YVGIj2kamLSTxw6NsZjoBxfSwsn0ycdesmc4p+Q21c5zPuZ1pl+NfxVdxPtdHvmNVOQ6XSYG4AUtyt/Fi7D16Q== under=qrcode
tp strip-ansi@6.0.1 sha512-Y38VPSHcqkFrCpFnQ9vuSXmquuv5oXOKpGeT6aGrr3o3Gc9AlVa6JBfUSOCnbxGGZF+/0ooI7KrPuUSztUdU5A== under=@inquirer/core
tp string-width@4.2.3 sha512-wKyQRQpjJ0sIp62ErSZdGsjMJWsap5oRNihHhu6G7JVO/9jIB6UyevL+tXuOqrng8j/cxKTWyWUwvSTriiZz/g== under=@inquirer/core
tp ansi-styles@4.3.0 sha512-zbB9rCJAT1rbjiVDb2hqKFHNYLxgtk8NURxZ3IZwD3F6NtxbXZQCnnSi1Lkx+IDohdPlFp222wVALIheZJQSEg== under=@inquirer/core
tp is-fullwidth-code-point@3.0.0 sha512-zymm5+u+sCsSWyD9qNaejV3DFvhCKclKdizYaJUuHA83RLjb7nSuGnddCHGv0hk+KY7BMAlsWeK4Ueg6EV6XQg== under=@inquirer/core
tp ansi-regex@5.0.1 sha512-quJQXlTSUGL2LH9SUXo8VwsY4soanhgo6LNSm84E1LBcE8s3O0wpdiRzyR9z/ZZJMlMWv37qOOb9pdJlMUEKFQ== under=@inquirer/core
tp emoji-regex@8.0.0 sha512-MSjYzcWNOA0ewAHpz0MxpYFvwg6yjy1NG3xteoqz644VCo/RPgnr1/GGt+ic3iJTzQ8Eu3TdM14SawnVUmGE6A== under=@inquirer/core
tp wrap-ansi@6.2.0 sha512-r6lPcBGxZXlIcymEu7InxDMhdW0KDxpLgoFLcguasxCaJ/SOIZwINatK9KY/tf+ZrlywOKU0UDj3ATXUBfxJXA== under=@inquirer/core
tp uuid@9.0.1 sha512-b+1eJOlsR9K8HJpow9Ok3fiWOWSIcIzXodvv0rQjVoOVNpWMpxf1wZNpt4y9h10odCNrqnYp1OBzRktckBe3sA== under=gaxios
tp uuid@8.3.2 sha512-+NYs2QeMWy+GWFOEm9xnn6HCDp0l7QBD7ml8zLUmJ+93Q5NF0NocErnwkTkXVFNiX3/fpC6afS8Dhb/gz7R7eg== under=@azure/msal-node
tp semver@6.3.1 sha512-BR7VvDCVHO+q2xBEWskxS6DJE1qRnb7DxzUrogb71CWoSficBxYsiAGd+Kl0mmq/MprG9yArRkyrQxTO6XjMzA== under=@azure/identity
tp ajv@6.12.6 sha512-j3fVLgvTo527anyYyJOGTYJbG+vnnQYvE0m5mmkc1TK+nxAppkCLMIL0aZ4dblVCNoGShhm+kzE4ZUykBoMg4g== under=@modelcontextprotocol/sdk dir=lib
tp string_decoder@1.1.1 sha512-n/ShnvDi6FHbbVfviro+WojiFzv+s8MPMHBczVePfUpDJLwoLT0ht1l4YwBCbi8pJAveEEdnkHyPyTP/mzRfwg== under=jszip
tp safe-buffer@5.1.2 sha512-Gd2UZBJDkXlY7GbJxfsE8/nvKkUEU1G38c1siN6QP6a9PT9MmHB8GnpscSmMJSoF8LOIrt8ud/wPtojys4G6+g== under=jszip
tp lru-cache@10.4.3 sha512-JNAzZcXrCt42VGLuYz0zfAzDfAvJWW6AfYlDBQyDV5DClI2m5sAmK+OIO7s59XfsRsWHp02jAJrRadPRGTt6SQ== under=@typespec/ts-http-runtime
tp json-schema-traverse@0.4.1 sha512-xbbCH5dCYU5T8LcEhhuh7HJ88HXuW3qsI3Y0zOZFKfZEHcpWiHU/Jxzk629Brsab/mMiHQti9wMP+845RPe3Vg== under=@modelcontextprotocol/sdk
tp readable-stream@2.3.8 sha512-8p0AUk4XODgIewSi0l8Epjs+EVnWiK7NoDIEGU0HhE7+ZyY8D1IMY7odu5lRrFXGg71L15KG8QrPmum45RTtdA== under=jszip dir=lib
tp isarray@1.0.0 sha512-VLghIWNM6ELQzo7zwmcg0NmTVyWKYjvIeM83yjp0wRDTmUnrM678fQbcKBo6n2CJEF0szoG//ytg+TKla89ALQ== under=jszip
tp process-nextick-args@2.0.1 sha512-3ouUOpQhtgrbOa17J7+uxOTpITYWaGP7/AhoR3+A+/1e9skrzelGi/dXzEYyvbxubEF6Wn2ypscTKiKJFFn1ag== under=jszip
tp debug@2.6.9 sha512-bC7ElrdJaJnPbAP+1EotYvqZsb3ecl5wi6Bfi6BJTUcNowp6cvspg0jXznRTKDjm/E7AdgFBVeAPVMNcKGsHMA== under=follow-redirects
tp core-util-is@1.0.3 sha512-ZQBvi1DcpJ4GDqanjucZ2Hj3wEO5pZDS89BWbkcrvdxksJorwUDDZamX9ldFkp9aw2lmBDLgkObEA4DWNJ9FYQ== under=jszip
tp @opentelemetry/core@2.0.1 sha512-MaZk9SJIDgo1peKevlbhP6+IwIiNPNmswNL4AF0WaQJLbHXjr9SrZMgS12+iqr9ToV4ZVosCcc0f8Rg67LXjxw== under=@opentelemetry/sdk-trace-base
tp @opentelemetry/resources@2.0.1 sha512-dZOB3R6zvBwDKnHDTB4X1xtMArB/d324VsbiPkX/Yu0Q8T2xceRthoIVFhJdvgVM2QhGVUyX9tzwiNxGtoBJUw== under=@opentelemetry/sdk-trace-base
tp tr46@0.0.3 sha512-N3WMsuqV66lT30CrXNbEjx4GEwlow3v6rr4mCcv6prnfwhS01rkgyFdjPNBYd9br7LpXV1+Emh01fHnq2Gdgrw== under=node-fetch
tp ms@2.0.0 sha512-Tpp60P6IUJDTuOq/5Z8cdskzJujfwqfOTkrwIwj7IRISpnkJnT6SyJ4PCPnGMoFjC9ddhal5KVIYtAt97ix05A== under=follow-redirects
tp entities@6.0.1 sha512-aN97NXWF6AWBTahfVOIrB/NShkzi5H7F9r1s9mD3cDj4Ko5f2qhhVoYMibXF7GlLveb/D2ioWay8lxI97Ven3g== under=parse5
tp webidl-conversions@3.0.1 sha512-2JAn3z8AR6rjK8Sm8orRC0h/bcl/DqL7tRPdGZ4I1CjdF+EaMLmYxBHyXuKL849eucPFhvBoxMsflfOb8kxaeQ== under=node-fetch
tp whatwg-url@5.0.0 sha512-saE57nupxk6v3HY35+jzBwYa0rKSy0XR8JSxZPwgLr7ys0IBzhGviA1/TUGJLmSVqs8pb9AnvICXEuOHLprYTw== under=node-fetch
`;

/** The pins, parsed: {role, name, version, integrity, opts}. */
export function pins() {
  return PINS.trim().split('\n').map((line) => {
    const [role, spec, integrity, ...rest] = line.trim().split(/\s+/);
    const at = spec.lastIndexOf('@');
    const opts = Object.fromEntries(rest.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
    return { role, name: spec.slice(0, at), version: spec.slice(at + 1), integrity, opts };
  });
}

// ---------------------------------------------------------------------------------------
// Fetching: registry metadata -> dist.integrity must be the pinned one -> tarball -> sha512.

const sri = (buf) => 'sha512-' + createHash('sha512').update(buf).digest('base64');
const cacheFile = (dir, p) => join(dir, `${p.name.replace('/', '+')}-${p.version}.tgz`);

async function fetchRetry(url) {
  for (let attempt = 1; ; attempt++) {
    try {
      const r = await fetch(url);
      if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
      return r;
    } catch (e) {
      if (attempt >= 4) throw e;
      await new Promise((ok) => setTimeout(ok, 500 * attempt));
    }
  }
}

/** The pinned tarball, from the cache or the registry; `stats` counts what was downloaded. */
async function tarball(p, dir, stats) {
  const file = cacheFile(dir, p);
  if (existsSync(file)) {
    const buf = readFileSync(file);
    if (sri(buf) === p.integrity) return buf;
    rmSync(file);
  }
  const meta = await (await fetchRetry(`${REGISTRY}/${p.name}/${p.version}`)).json();
  if (meta.dist?.integrity !== p.integrity) {
    throw new Error(`${p.name}@${p.version}: the registry says ${meta.dist?.integrity}, pinned ${p.integrity}`);
  }
  const buf = Buffer.from(await (await fetchRetry(meta.dist.tarball)).arrayBuffer());
  if (sri(buf) !== p.integrity) throw new Error(`${p.name}@${p.version}: the tarball does not match its integrity`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${file}.${process.pid}.tmp`, buf);
  renameSync(`${file}.${process.pid}.tmp`, file);
  stats.downloads += 1;
  stats.downloaded += buf.length;
  return buf;
}

/**
 * The release that motivated Leakscope, as the registry still serves it: its 31 MB tarball
 * holds the 60 MB orphaned cli.js.map whose sourcesContent is all of its TypeScript.
 */
export const REAL_LEAK = {
  name: '@anthropic-ai/claude-code',
  version: '2.1.88',
  integrity: 'sha512-ukMtYZCi0I7cD3rt89rnXy20D/Zvk0Gj/SW60xYfz17zTslLz+VuhXw/KPb+2ndp3/ATadJdyNEqdKQlcNk7nQ==',
};

/** The real release's tarball, checked against its pinned integrity. */
export const realLeak = () => tarball(REAL_LEAK, CACHE, { downloads: 0, downloaded: 0 });

/** Every pinned tarball, in pin order (8 downloads at a time; a package pinned twice, once). */
export async function fetchAll(list = pins(), dir = CACHE) {
  const stats = { downloads: 0, downloaded: 0, bytes: 0, packages: 0 };
  const unique = [...new Map(list.map((p) => [`${p.name}@${p.version}`, p])).values()];
  const got = new Map();
  let next = 0;
  const worker = async () => {
    while (next < unique.length) {
      const p = unique[next++];
      const buf = await tarball(p, dir, stats);
      got.set(`${p.name}@${p.version}`, buf);
      stats.bytes += buf.length;
      stats.packages += 1;
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return { tarballs: list.map((p) => got.get(`${p.name}@${p.version}`)), stats };
}

/** Regular files of a .tgz: {path (first component dropped), body}; pax and GNU long names. */
export function untar(tgz) {
  const tar = gunzipSync(tgz);
  const str = (a, b) => tar.toString('utf8', a, b).replace(/\0[\s\S]*$/, '');
  const out = [];
  let at = 0;
  let longName = null;
  while (at + 512 <= tar.length && tar[at] !== 0) {
    let name = str(at, at + 100);
    const prefix = str(at + 345, at + 500);
    if (prefix) name = `${prefix}/${name}`;
    const size = parseInt(str(at + 124, at + 136).trim() || '0', 8);
    const type = String.fromCharCode(tar[at + 156] || 48);
    const body = tar.subarray(at + 512, at + 512 + size);
    at += 512 + Math.ceil(size / 512) * 512;
    if (type === 'L') longName = body.toString('utf8').replace(/\0[\s\S]*$/, '');
    else if (type === 'x') longName = body.toString('utf8').match(/^\d+ path=(.*)$/m)?.[1] ?? longName;
    else if (type === '0' || type === '\0' || type === '7') {
      out.push({ path: (longName ?? name).replace(/^[^/]*\//, ''), body });
      longName = null;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Choosing files.

const TEST_DIR = /(^|\/)(__tests__|__mocks__|__fixtures__|tests?|spec|e2e|fixtures?|stories|examples?|demo|benchmarks?|test-utils|testing)(\/|$)/;
const TEST_FILE = /\.(test|spec|stories|bench|test-d)\.[cm]?[jt]sx?$/;
const SKIP_DIR = /(^|\/)(test|tests|__tests__|spec|bench|benchmarks?|examples?|scripts|bin|docs?|\.yarn|fixtures?|umd|browser|dist-browser|__dev__|esnext|react-native|workerd|install|types|typings|coverage)(\/|$)/;
const SKIP_FILE = /\.min\.[cm]?js$|\.bc\.js$|(^|\/)(tests?|bench|benchmark)\.[cm]?js$|\.(test|spec|bench)\.[cm]?js$|(^|\/)(eslint\.config|\.eslintrc|\.runkit_example|gulpfile|Gruntfile|karma\.conf|webpack\.config|rollup\.config|jest\.config|vite\.config)\.[cm]?js$/;
const ESM_ROOTS = ['dist/esm', 'dist-es', 'dist-src', 'dist/mjs', 'dist/es', 'build/esm', 'lib/esm', 'libesm', 'esm', 'es', 'es6'];
const CJS_ROOTS = ['dist/cjs', 'dist/commonjs', 'dist-cjs', 'dist-bundle', 'build/cjs', 'build/src', 'lib/cjs', 'libcjs', 'cjs'];
const ROOTS = [...ESM_ROOTS, ...CJS_ROOTS, 'lib', 'dist', 'build', 'src'];
const rootOf = (path) => ROOTS.find((r) => path.startsWith(`${r}/`)) ?? '';
const EXT_RANK = { mjs: 0, js: 1, cjs: 2 };

/** One build of a package's JavaScript, the way a bundler would meet it. */
function thirdPartyFiles(files, opts) {
  let js = files.filter((f) => /\.[cm]?js$/.test(f.path));
  if (opts.file) return js.filter((f) => opts.file.split(',').includes(f.path));
  if (opts.dir) js = js.filter((f) => f.path.startsWith(`${opts.dir}/`));
  js = js.filter((f) => !SKIP_DIR.test(f.path.slice(opts.dir ? opts.dir.length : 0)) && !SKIP_FILE.test(f.path));
  if (js.some((f) => ESM_ROOTS.includes(rootOf(f.path)))) js = js.filter((f) => !CJS_ROOTS.includes(rootOf(f.path)));
  // The same module under two roots (es/ and lib/): the first root in ROOTS wins.
  const byRest = new Map();
  for (const f of js) {
    const root = rootOf(f.path);
    const rest = root ? f.path.slice(root.length + 1) : f.path;
    const had = byRest.get(rest);
    if (!had || ROOTS.indexOf(root) < ROOTS.indexOf(rootOf(had.path))) byRest.set(rest, f);
  }
  // The same module as .mjs, .js and .cjs side by side: .mjs wins.
  const byStem = new Map();
  for (const f of byRest.values()) {
    const stem = f.path.replace(/\.[cm]?js$/, '');
    const had = byStem.get(stem);
    const rank = (x) => EXT_RANK[x.path.match(/\.([cm]?js)$/)[1]];
    if (!had || rank(f) < rank(had)) byStem.set(stem, f);
  }
  return [...byStem.values()];
}

const isFirstPartyTs = (path) => /\.tsx?$/.test(path) && !path.endsWith('.d.ts') && !TEST_DIR.test(path) && !TEST_FILE.test(path);

/** The .ts(x) sources a package's own maps embed: {path under src/, text}. */
function sourcesFromMaps(files) {
  const seen = new Map();
  for (const f of files) {
    if (!f.path.endsWith('.map')) continue;
    let map;
    try {
      map = JSON.parse(f.body.toString('utf8'));
    } catch {
      continue;
    }
    (map.sources ?? []).forEach((s, i) => {
      const text = map.sourcesContent?.[i];
      if (typeof text !== 'string' || s.includes('node_modules') || !s.includes('src/')) return;
      const rel = s.slice(s.lastIndexOf('src/') + 4);
      if (isFirstPartyTs(rel) && !seen.has(rel)) seen.set(rel, text);
    });
  }
  return [...seen].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([path, text]) => ({ path, text }));
}

/**
 * `n` items of `pool` whose sizes add up to about `bytes`, spread over the whole size range
 * (every size class keeps some members): sorted by size, item j of n sits at the fraction
 * ((j + 0.5) / n) ** g of the pool, with g found by bisection. Deterministic.
 */
export function pick(pool, n, bytes) {
  const sorted = [...pool].sort((a, b) => a.size - b.size || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const m = sorted.length;
  if (n >= m) return sorted;
  const indices = (g) => {
    const idx = new Array(n);
    let prev = -1;
    for (let j = 0; j < n; j++) {
      let i = Math.floor(m * ((j + 0.5) / n) ** g);
      i = Math.min(Math.max(i, prev + 1), m - (n - j));
      idx[j] = prev = i;
    }
    return idx;
  };
  const sum = (g) => indices(g).reduce((s, i) => s + sorted[i].size, 0);
  let lo = 0.02;
  let hi = 50;
  for (let k = 0; k < 60; k++) {
    const mid = Math.sqrt(lo * hi);
    if (sum(mid) > bytes) lo = mid;
    else hi = mid;
  }
  const g = Math.abs(sum(lo) - bytes) < Math.abs(sum(hi) - bytes) ? lo : hi;
  return indices(g).map((i) => sorted[i]);
}

const twoByte = (x) => /[^\x00-\xff]/.test(x.code ?? x.text);

/** pick() with as many two-byte sources (and bytes in them) as `shape.twoByte`, when the pool has them. */
function pickShare(pool, shape) {
  const two = pick(pool.filter(twoByte), shape.twoByte.n, shape.twoByte.bytes);
  const twoBytes = two.reduce((s, x) => s + x.size, 0);
  return [...two, ...pick(pool.filter((x) => !twoByte(x)), shape.n - two.length, shape.bytes - twoBytes)];
}

// ---------------------------------------------------------------------------------------
// Source maps: VLQ, the inline maps of the .tsx sources, the bundle's mappings.

const VLQ_LAST = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef';

const isWord = (c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 36 || c === 95;

/** Token starts of a line: where a word begins, and punctuation after a word. */
function tokenStarts(line, out) {
  out.length = 0;
  let prevWord = false;
  for (let j = 0; j < line.length; j++) {
    const c = line.charCodeAt(j);
    const w = isWord(c);
    if (w ? !prevWord : c !== 32 && c !== 9 && prevWord) out.push(j);
    prevWord = w;
  }
  return out;
}

/**
 * A .tsx source as the leak ships it: the code, then the inline map a per-file transform
 * (Babel) appends: {version, names, sources, sourcesContent, mappings, ignoreList}, base64.
 * Here the code is the original itself, mapped token by token to its own positions
 * (5-field segments on identifiers that are in `names`).
 */
export function withInlineMap(text, fileName) {
  const code = text.endsWith('\n') ? text : `${text}\n`;
  const lines = code.split('\n');
  const names = [];
  const nameIndex = new Map();
  const starts = [];
  const groups = [];
  let line0 = 0;
  let col0 = 0;
  let name0 = 0;
  for (let l = 0; l < lines.length; l++) {
    const s = lines[l];
    let seg = '';
    let gen = 0;
    for (const j of tokenStarts(s, starts)) {
      if (s.charCodeAt(j) === 47 && s.charCodeAt(j + 1) === 47) break; // comments map nothing
      seg += `${seg ? ',' : ''}${vlq(j - gen)}A${vlq(l - line0)}${vlq(j - col0)}`;
      gen = j;
      line0 = l;
      col0 = j;
      if (isWord(s.charCodeAt(j)) && !(s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57)) {
        const m = /^[A-Za-z_$][\w$]*/.exec(s.slice(j, j + 64));
        if (m && m[0].length > 2) {
          let k = nameIndex.get(m[0]);
          if (k === undefined) {
            k = names.length;
            nameIndex.set(m[0], k);
            names.push(m[0]);
          }
          seg += vlq(k - name0);
          name0 = k;
        }
      }
    }
    groups.push(seg);
  }
  const map = { version: 3, names, sources: [fileName], sourcesContent: [text], mappings: groups.join(';'), ignoreList: [] };
  return `${code}//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}`;
}

/**
 * `mappings` for cli.js, valid for it and for the sources, with the leak's make-up: 4-field
 * segments (no names) at the starts of names, numbers and strings of the real minified lines
 * (about `density` per byte; half of the lines under 1,000 characters left empty, as Bun
 * leaves the lines inside template literals). The sources are walked in bundle order, each
 * given a share of the segments proportional to its code. Within a source the original
 * position walks the lines a bundler emits code for (not blank, not comments, imports or type
 * declarations): a token the minifier kept as it was (`copy` of them, chosen by the code
 * around it, so that the same code gives the same segments) moves it as far as the bundle
 * moved; any other by 1-2x that (the source's code over its generated span, in half steps);
 * past a line's end it goes on in the next emitted line. Measured on leak-real.tgz: 78% of the
 * segments stay on their line (the leak: 71%), 38% move both sides alike (24%), 5.2 VLQ
 * characters a segment (5.3), gzip 3.9x (4.35x).
 * `sources`: [{text, weight}].
 */
export function bundleMappings(jsLines, sources, { density = 0.1586, skipLines = 0, copy = 0.35, seed = 0x5eed } = {}) {
  const rand = prng(seed);
  const starts = [];
  // Segments start where a name, a number or a string does, except a property after a dot:
  // in minified code that is a little more than the leak's 0.16 per byte.
  const segmentStarts = (line) => tokenStarts(line, starts).filter((j) => {
    const c = line.charCodeAt(j);
    return isWord(c) ? line.charCodeAt(j - 1) !== 46 : c === 34 || c === 39 || c === 96;
  });
  let candidates = 0;
  let bytes = 0;
  const empty = new Uint8Array(jsLines.length);
  for (let l = skipLines; l < jsLines.length; l++) {
    bytes += jsLines[l].length + 1;
    if (jsLines[l].length < 1000 && rand() < 0.5) empty[l] = 1;
    else candidates += segmentStarts(jsLines[l]).length;
  }
  const p = Math.min(1, (density * bytes) / candidates);
  // Which tokens get a segment, and which keep their length, depends on the code around them
  // (as with a real bundler), so the same code pattern yields the same run of segments.
  const hash = (line, j) => {
    let h = 2166136261;
    for (let i = Math.max(0, j - 2); i < Math.min(line.length, j + 3); i++) h = Math.imul(h ^ line.charCodeAt(i), 16777619);
    return (h >>> 0) / 4294967296;
  };
  const positions = [];
  let total = 0;
  for (let l = 0; l < jsLines.length; l++) {
    if (l < skipLines || empty[l]) {
      positions.push(null);
      continue;
    }
    const line = jsLines[l];
    const keep = segmentStarts(line).filter((j) => hash(line, j) < p);
    positions.push(keep);
    total += keep.length;
  }
  // Each source's segment range, by its weight (code bytes).
  const weight = sources.reduce((s, x) => s + x.weight, 0);
  const bounds = new Float64Array(sources.length + 1);
  let acc = 0;
  for (let k = 0; k < sources.length; k++) {
    bounds[k] = Math.round((acc / weight) * total);
    acc += sources[k].weight;
  }
  bounds[sources.length] = total;
  // The emitted lines of source k: [line, first column, characters], and their total.
  const UNMAPPED = /^(\/\/|\/\*|\*|import\b|export\s+(type|interface)\b|type\s+\w+(<.*>)?\s*=|interface\b|declare\b)/;
  const emitted = (text) => {
    const rows = [];
    let chars = 0;
    text.split('\n').forEach((line, i) => {
      const body = line.trimStart();
      if (!body || UNMAPPED.test(body)) return;
      rows.push([i, line.length - body.length, body.length]);
      chars += body.length;
    });
    if (!rows.length) rows.push([0, 0, 1]);
    return { rows, chars: chars || 1 };
  };
  // The generated span of each source's segments, so that its walk covers it once.
  const span = new Float64Array(sources.length);
  {
    let kk = 0;
    let tt = 0;
    for (const pos of positions) {
      if (!pos) continue;
      let g = 0;
      for (const x of pos) {
        while (kk < sources.length - 1 && tt >= bounds[kk + 1]) kk++;
        span[kk] += x - g;
        g = x;
        tt++;
      }
    }
  }
  const groups = new Array(jsLines.length);
  let k = -1;
  let cur = null;
  let row = 0;
  let off = 0; // characters into the current row
  let rate = 1;
  let t = 0;
  let src0 = 0;
  let line0 = 0;
  let col0 = 0;
  for (let l = 0; l < jsLines.length; l++) {
    const pos = positions[l];
    if (!pos) {
      groups[l] = '';
      continue;
    }
    const parts = new Array(pos.length);
    let gen = 0;
    for (let q = 0; q < pos.length; q++, t++) {
      const step = pos[q] - gen;
      if (k < sources.length - 1 && t >= bounds[k + 1]) {
        while (k < sources.length - 1 && t >= bounds[k + 1]) k++;
        cur = emitted(sources[k].text);
        // in half steps, at most 2x: a minifier's output is usually 1.5-2x denser than its source
        rate = Math.max(1, Math.min(2, Math.round((2 * cur.chars) / Math.max(1, span[k])) / 2));
        row = 0;
        off = 0;
      } else {
        // The original moves on `rate` times as far as the bundle; past a line's end, into
        // the next emitted line.
        off += hash(jsLines[l], pos[q] + 1) < copy ? step : Math.round(step * rate);
        while (off >= cur.rows[row][2] && row < cur.rows.length - 1) off -= cur.rows[row++][2];
      }
      const [line, indent, len] = cur.rows[row];
      const col = indent + Math.min(len - 1, off);
      parts[q] = vlq(step) + vlq(k - src0) + vlq(line - line0) + vlq(col - col0);
      gen = pos[q];
      src0 = k;
      line0 = line;
      col0 = col;
    }
    groups[l] = parts.join(',');
  }
  return { mappings: groups.join(';'), segments: total };
}

// ---------------------------------------------------------------------------------------
// Tar (ustar as npm writes it: mtime 1985-10-26, no owner names; cli.js 0755).

const MTIME = 499162500;

function tarHeader(path, size, mode) {
  const h = Buffer.alloc(512, 0);
  let prefix = '';
  let name = path;
  if (Buffer.byteLength(path) > 100) {
    for (let j = path.lastIndexOf('/'); j > 0; j = path.lastIndexOf('/', j - 1)) {
      if (Buffer.byteLength(path.slice(0, j)) <= 155 && Buffer.byteLength(path.slice(j + 1)) <= 100) {
        prefix = path.slice(0, j);
        name = path.slice(j + 1);
        break;
      }
    }
    if (!prefix) throw new Error(`tar: path too long: ${path}`);
  }
  const octal = (off, width, v) => h.write(`${v.toString(8).padStart(width - 1, '0')}\0`, off, width, 'ascii');
  h.write(name, 0, 100, 'utf8');
  octal(100, 8, mode);
  octal(108, 8, 0);
  octal(116, 8, 0);
  octal(124, 12, size);
  octal(136, 12, MTIME);
  h.fill(0x20, 148, 156);
  h.write('0', 156, 1, 'ascii');
  h.write('ustar\0', 257, 6, 'ascii');
  h.write('00', 263, 2, 'ascii');
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += h[i];
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
  return h;
}

function tar(entries) {
  const parts = [];
  for (const { name, data, mode = 0o644 } of entries) {
    const body = Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8');
    parts.push(tarHeader(name, body.length, mode), body);
    if (body.length % 512) parts.push(Buffer.alloc(512 - (body.length % 512), 0));
  }
  parts.push(Buffer.alloc(1024, 0));
  return Buffer.concat(parts);
}

// ---------------------------------------------------------------------------------------
// The package.

/** The leak's counts (its statistics; none of its content). */
export const SHAPE = {
  cliJs: 13_047_043,
  tp: { n: 2850, bytes: 16_915_042, twoByte: { n: 112, bytes: 1_800_905 } },
  // twoByte: the sources with a character above U+00FF (in the leak's first-party code mostly
  // em dashes and arrows in comments), which V8 must hold as two-byte strings.
  ts: { n: 1332, bytes: 13_103_575, twoByte: { n: 777, bytes: 11_405_255 } },
  tsx: { n: 552, bytes: 17_277_844, twoByte: { n: 247, bytes: 12_854_466 } },
  js: { n: 18, bytes: 1413 },
  segmentsPerByte: 2_068_722 / 13_047_043,
  // The leak's first-party .ts is application code: it gzips 3.5x file by file (weighted by
  // size), where library sources with long doc comments reach 5x; files above this are left out.
  tsMaxRatio: Number(process.env.LEAK_REAL_TS_RATIO ?? 4.3),
  gzipLevel: 9,
};

const gzRatio = (buf) => (buf.length ? buf.length / gzipSync(buf, { level: 6 }).length : 0);
const json = (v) => `${JSON.stringify(v, null, 2)}\n`;
const lineLengths = (text) => text.split('\n').map((l) => l.length);

/** Builds leak-real.tgz; returns {tgz, info}. */
export async function buildRealLeak({ cache = CACHE, log = () => {} } = {}) {
  const t0 = performance.now();
  const list = pins();
  const { tarballs, stats } = await fetchAll(list, cache);
  log(`${stats.packages} pinned tarballs (${(stats.bytes / 1e6).toFixed(1)} MB), ${stats.downloads} downloaded (${(stats.downloaded / 1e6).toFixed(1)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const t1 = performance.now();

  const cliParts = [];
  const exes = [];
  const natives = [];
  const vendorSources = [];
  const pools = { ts: [], tsx: [], js: [], tp: [] };
  let sdkTypes = null;
  const included = [];
  list.forEach((p, i) => {
    const files = untar(tarballs[i]);
    const byPath = new Map(files.map((f) => [f.path, f.body]));
    const need = (path) => {
      const b = byPath.get(path);
      if (!b) throw new Error(`${p.name}@${p.version} has no ${path}`);
      return b;
    };
    const o = p.opts;
    if (p.role === 'cli') cliParts.push({ pin: p, text: need(o.file).toString('utf8') });
    else if (p.role === 'exe') exes.push({ name: `package/${o.as}`, data: need(files.find((f) => f.path.endsWith('.node')).path) });
    else if (p.role === 'node') natives.push({ name: `package/${o.as}`, data: need(files.find((f) => f.path.endsWith('.node')).path) });
    else if (p.role === 'dts') sdkTypes = need(o.file);
    else if (p.role === 'vsrc') for (const f of o.file.split(',')) vendorSources.push({ path: `../vendor/${o.area}/${f}`, text: need(f).toString('utf8'), group: `vendor/${o.area}` });
    else if (p.role === 'fp' || p.role === 'fpmap') {
      const found = p.role === 'fp'
        ? files.filter((f) => f.path.startsWith('src/') && isFirstPartyTs(f.path)).map((f) => ({ path: f.path.slice(4), text: f.body.toString('utf8') }))
        : sourcesFromMaps(files);
      for (const f of found) {
        const kind = f.path.endsWith('.tsx') ? 'tsx' : 'ts';
        pools[kind].push({ path: `../src/${o.area}/${f.path}`, text: f.text, group: `src/${o.area}/${f.path.split('/')[0]}`, pin: p });
      }
    } else if (p.role === 'fpjs') {
      for (const f of files) {
        if (!f.path.startsWith(`${o.dir}/`) || !f.path.endsWith('.js')) continue;
        pools.js.push({ path: `../src/${o.area}/${f.path.slice(o.dir.length + 1)}`, text: f.body.toString('utf8'), group: `src/${o.area}`, pin: p });
      }
    } else if (p.role === 'tp') {
      const base = `../node_modules/${o.under ? `${o.under}/node_modules/` : ''}${p.name}`;
      for (const f of thirdPartyFiles(files, o)) pools.tp.push({ path: `${base}/${f.path}`, text: f.body.toString('utf8'), group: base, pin: p });
    } else throw new Error(`unknown role ${p.role}`);
  });
  for (const k of Object.keys(pools)) for (const x of pools[k]) x.size = Buffer.byteLength(x.text);

  // .tsx sources carry their inline maps before they are measured: the leak's sizes include them.
  for (const x of pools.tsx) {
    x.code = x.text;
    x.text = withInlineMap(x.text, x.path.slice(x.path.lastIndexOf('/') + 1));
    x.size = Buffer.byteLength(x.text);
  }
  // No first-party file above 250 KB of code (the leak's largest .ts is 215 KB).
  const chosen = {
    tp: pickShare(pools.tp, SHAPE.tp),
    ts: pickShare(pools.ts.filter((x) => x.size <= 250_000 && gzRatio(Buffer.from(x.text)) <= SHAPE.tsMaxRatio), SHAPE.ts),
    tsx: pickShare(pools.tsx.filter((x) => Buffer.byteLength(x.code) <= 250_000), SHAPE.tsx),
    js: pick(pools.js, SHAPE.js.n, SHAPE.js.bytes),
  };

  // Bundle order: packages and folders as blocks; first-party code mostly late (the share of
  // first-party sources emitted by fraction x of the way is x^2.5), the entry's folder last.
  const blocks = (items, size) => {
    const byGroup = new Map();
    for (const x of [...items].sort((a, b) => (a.path < b.path ? -1 : 1))) {
      if (!byGroup.has(x.group)) byGroup.set(x.group, []);
      byGroup.get(x.group).push(x);
    }
    const out = [];
    for (const g of byGroup.values()) for (let i = 0; i < g.length; i += size) out.push(g.slice(i, i + size));
    return out;
  };
  const pinOrder = new Map(list.map((p, i) => [p, i]));
  const tpBlocks = blocks(chosen.tp, 1e9).sort((a, b) => pinOrder.get(a[0].pin) - pinOrder.get(b[0].pin));
  // First-party files in threes from one folder, shuffled: in the leak about half of
  // the neighbouring first-party sources share a folder, and they compress together no better
  // than apart (3.5x file by file, 3.9x in a row); whole folders in a row would reach 4.3x.
  const fpBlocks = blocks([...chosen.ts, ...chosen.tsx, ...chosen.js], 3);
  const shuffle = prng(0xf1e5);
  for (let i = fpBlocks.length - 1; i > 0; i--) {
    const j = Math.floor(shuffle() * (i + 1));
    [fpBlocks[i], fpBlocks[j]] = [fpBlocks[j], fpBlocks[i]];
  }
  const fpTotal = fpBlocks.reduce((s, b) => s + b.length, 0);
  const all = fpTotal + chosen.tp.length + vendorSources.length;
  const order = [];
  let fpDone = 0;
  let vendorDone = false;
  let bi = 0;
  let bj = 0;
  while (bi < tpBlocks.length || bj < fpBlocks.length) {
    const x = order.length / all;
    if (!vendorDone && x >= 0.6) {
      order.push(...vendorSources);
      vendorDone = true;
    }
    if (bj < fpBlocks.length && (bi >= tpBlocks.length || fpDone / fpTotal < x ** 2.5)) {
      order.push(...fpBlocks[bj]);
      fpDone += fpBlocks[bj++].length;
    } else order.push(...tpBlocks[bi++]);
  }
  if (!vendorDone) order.push(...vendorSources);

  // cli.js: a shebang, a header, the bundles (their own shebangs and sourceMappingURLs dropped).
  const header = [
    '#!/usr/bin/env node',
    '// Leakscope benchmark bundle: real minified code, concatenated; not meant to run.',
    `// ${cliParts.map(({ pin }) => `${pin.name}@${pin.version}`).join(', ')}`,
    '',
  ];
  const body = cliParts.map(({ text }) => text.replace(/^#!.*\n/, '').replace(/^\/\/[#@] sourceMappingURL=.*$\n?/gm, '').replace(/\n+$/, ''));
  const cliJs = `${[...header, ...body].join('\n')}\n`;
  const jsLines = cliJs.split('\n');
  const { mappings, segments } = bundleMappings(
    jsLines,
    order.map((x) => ({ text: x.code ?? x.text, weight: Buffer.byteLength(x.code ?? x.text) })),
    { density: SHAPE.segmentsPerByte, skipLines: header.length },
  );

  // cli.js.map in Bun's layout.
  const map = Buffer.concat([
    Buffer.from(`{\n  "version": 3,\n  "sources": [${order.map((x) => JSON.stringify(x.path)).join(', ')}],\n  "sourcesContent": [\n`),
    ...order.map((x, i) => Buffer.from(`    ${JSON.stringify(x.text)}${i + 1 < order.length ? ',' : ''}\n`)),
    Buffer.from(`  ],\n  "mappings": ${JSON.stringify(mappings)},\n  "names": []\n}\n`),
  ]);

  const names = cliParts.map(({ pin }) => `${pin.name}@${pin.version}`);
  const packages = new Set(chosen.tp.map((x) => x.group));
  const readme = [
    '# Agent CLI (benchmark package)',
    '',
    'A package with the shape of a proprietary command-line tool that shipped its source map:',
    'a minified `cli.js`, an orphaned `cli.js.map` that embeds every original source, native',
    'helpers for six platforms. It is a benchmark input for Leakscope, assembled by',
    '`bench/realistic.mjs` from real open-source code; it is not a working program.',
    '',
    '## Contents',
    '',
    `- \`cli.js\`: ${names.join(', ')}, concatenated.`,
    `- \`cli.js.map\`: ${order.length} sources with their content: ${chosen.ts.length + chosen.tsx.length + chosen.js.length} first-party`,
    `  files under \`src/\` (open-source TypeScript renamed into one tree) and ${chosen.tp.length} files of`,
    `  ${packages.size} npm packages under \`node_modules/\`. The \`mappings\` are generated.`,
    '- `vendor/resvg/*/resvgjs.node`: @resvg/resvg-js 2.6.2 builds (MPL-2.0).',
    '- `vendor/watcher/*/watcher.node`: @parcel/watcher builds (MIT).',
    '- `sdk-tools.d.ts`: type declarations from the openai package (Apache-2.0).',
    '',
    'Every input is pinned by name, version and sha512 in `bench/realistic.mjs`; each file',
    'keeps the licence of the package it comes from (MIT, Apache-2.0, BSD, ISC, MPL-2.0 and',
    'others). The terms below cover only this arrangement, as a stand-in for a commercial one.',
    '',
    '## License',
    '',
    'Copyright the Leakscope authors. All rights reserved. See LICENSE.md.',
    '',
  ].join('\n');
  const pkg = json({
    name: '@acme/agent-cli',
    version: '2.1.0',
    description: 'Benchmark stand-in for a proprietary agent CLI that shipped its source map (real open-source code inside).',
    type: 'module',
    bin: { agent: 'cli.js' },
    engines: { node: '>=18.0.0' },
    author: 'ACME Corp <support@acme.example>',
    license: 'SEE LICENSE IN README.md',
    homepage: 'https://acme.example/agent',
    bugs: { url: 'https://acme.example/agent/issues' },
    scripts: { prepare: "node -e \"if (!process.env.AUTHORIZED) { console.error('Do not publish this directly.'); process.exit(1) }\"" },
    dependencies: {},
    optionalDependencies: {
      '@resvg/resvg-js': '2.6.2',
      '@parcel/watcher': list.find((p) => p.name === '@parcel/watcher').version,
    },
    files: ['cli.js', 'cli.js.map', 'sdk-tools.d.ts', 'vendor/', 'README.md', 'LICENSE.md', 'bun.lock'],
  });
  const lock = `${JSON.stringify({
    lockfileVersion: 1,
    workspaces: {
      '': {
        name: '@acme/agent-cli',
        optionalDependencies: { '@parcel/watcher': pkg.match(/"@parcel\/watcher": "([^"]+)"/)[1], '@resvg/resvg-js': '2.6.2' },
      },
    },
    packages: {},
  }, null, 2)}\n`;
  const license = 'Copyright the Leakscope authors. All rights reserved.\nBenchmark stand-in for a commercial licence; the bundled code keeps its own licences.\n';
  const copying = 'resvg-js is licensed under the Mozilla Public License 2.0: https://mozilla.org/MPL/2.0/\n';

  const entries = [
    { name: 'package/vendor/resvg/COPYING', data: copying },
    ...['arm64-darwin', 'arm64-linux', 'x64-darwin', 'x64-linux', 'arm64-win32', 'x64-win32'].map((plat) => exes.find((e) => e.name.includes(`/${plat}/`))),
    { name: 'package/cli.js', data: cliJs, mode: 0o755 },
    { name: 'package/package.json', data: pkg },
    { name: 'package/bun.lock', data: lock },
    { name: 'package/cli.js.map', data: map },
    { name: 'package/LICENSE.md', data: license },
    { name: 'package/README.md', data: readme },
    ...['arm64-darwin', 'arm64-linux', 'arm64-win32', 'x64-darwin', 'x64-linux', 'x64-win32'].map((plat) => natives.find((e) => e.name.includes(`/${plat}/`))),
    { name: 'package/sdk-tools.d.ts', data: sdkTypes },
  ];
  if (entries.some((e) => !e || !e.data)) throw new Error('a part of the package is missing');
  const tgz = gzipSync(tar(entries), { level: SHAPE.gzipLevel });
  const info = {
    ...stats,
    buildMs: performance.now() - t1,
    totalMs: performance.now() - t0,
    files: entries.length,
    sources: order.length,
    segments,
    mapBytes: map.length,
    cliJsBytes: Buffer.byteLength(cliJs),
    tpPackages: packages.size,
    counts: Object.fromEntries(Object.entries(chosen).map(([k, v]) => [k, [v.length, v.reduce((s, x) => s + x.size, 0)]])),
    pools: Object.fromEntries(Object.entries(pools).map(([k, v]) => [k, [v.length, v.reduce((s, x) => s + x.size, 0)]])),
  };
  return { tgz, info };
}

// ---------------------------------------------------------------------------------------
// Shape statistics of any package, to compare with the leak.

const percentiles = (xs, ps = [0.1, 0.5, 0.9, 0.99, 1]) => {
  const s = [...xs].sort((a, b) => a - b);
  return ps.map((p) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0);
};

/** The statistics the comparison table shows, of a .tgz buffer. */
export function shapeStats(tgz, { levels = true } = {}) {
  const tarBuf = gunzipSync(tgz);
  const files = untar(tgz);
  const out = { tgzBytes: tgz.length, tarBytes: tarBuf.length, files: files.length };
  if (levels) {
    // Which gzip level reproduces the tarball's size (zlib at 6 and 9; npm uses 9).
    const sizes = Object.fromEntries([6, 9].map((l) => [l, gzipSync(tarBuf, { level: l }).length]));
    out.gzipLevel = Number(Object.entries(sizes).sort((a, b) => Math.abs(a[1] - tgz.length) - Math.abs(b[1] - tgz.length))[0][0]);
    out.gzipSizes = sizes;
  }
  const mapFile = files.filter((f) => f.path.endsWith('.map')).sort((a, b) => b.body.length - a.body.length)[0];
  const jsFile = mapFile && files.find((f) => f.path === mapFile.path.replace(/\.map$/, ''));
  const natives = files.filter((f) => f.body.length > 100_000 && (f.body[0] === 0x7f || f.body[0] === 0x4d || f.body[0] === 0xcf || f.body[0] === 0xfe));
  const bigNatives = natives.filter((f) => f.body.length > 2e6);
  const smallNatives = natives.filter((f) => f.body.length <= 2e6);
  out.natives = {
    large: [bigNatives.length, bigNatives.reduce((s, f) => s + f.body.length, 0), gzRatio(Buffer.concat(bigNatives.map((f) => f.body)))],
    small: [smallNatives.length, smallNatives.reduce((s, f) => s + f.body.length, 0), gzRatio(Buffer.concat(smallNatives.map((f) => f.body)))],
  };
  if (jsFile) {
    const js = jsFile.body.toString('utf8');
    const lens = lineLengths(js);
    const long = lens.filter((l) => l > 1000);
    out.js = {
      bytes: jsFile.body.length,
      lines: lens.length,
      medianLine: percentiles(lens, [0.5])[0],
      longestLine: Math.max(...lens),
      longLines: long.length,
      bytesInLongLines: long.reduce((s, l) => s + l, 0),
      ratio: gzRatio(jsFile.body),
      sourceMappingURL: /\/\/[#@] sourceMappingURL=/.test(js.slice(-500)),
    };
  }
  if (mapFile) {
    const text = mapFile.body.toString('utf8');
    const t = performance.now();
    const map = JSON.parse(text);
    out.parseMs = performance.now() - t;
    const src = map.sources ?? [];
    const content = map.sourcesContent ?? [];
    const cat = (s) => (s.includes('node_modules/') ? 'tp' : /(^|\/)src\//.test(s) ? `fp${s.match(/\.[a-z]+$/)?.[0] ?? ''}` : 'other');
    const cats = {};
    let inline = 0;
    let inlineBytes = 0;
    src.forEach((s, i) => {
      const c = typeof content[i] === 'string' ? content[i] : '';
      const k = cat(s);
      cats[k] ??= { n: 0, bytes: 0, sizes: [] };
      cats[k].n++;
      cats[k].bytes += Buffer.byteLength(c);
      cats[k].sizes.push(Buffer.byteLength(c));
      const at = c.indexOf('//# sourceMappingURL=data:');
      if (at >= 0) {
        inline++;
        inlineBytes += c.length - at;
      }
    });
    const fp = Object.entries(cats).filter(([k]) => k.startsWith('fp'));
    const contentJson = Buffer.from(JSON.stringify(content));
    const fpJson = Buffer.from(JSON.stringify(content.filter((_, i) => cat(src[i]).startsWith('fp'))));
    const tpJson = Buffer.from(JSON.stringify(content.filter((_, i) => cat(src[i]) === 'tp')));
    const mappings = map.mappings ?? '';
    let segments = 0;
    let emptyLines = 0;
    const fields = {};
    for (const group of mappings.split(';')) {
      if (!group) {
        emptyLines++;
        continue;
      }
      for (const seg of group.split(',')) {
        segments++;
        let n = 0;
        // A field ends at a base64 digit below 32 (no continuation bit).
        for (let j = 0; j < seg.length; j++) if (VLQ_LAST.includes(seg[j])) n++;
        fields[n] = (fields[n] ?? 0) + 1;
      }
    }
    const cs = text.slice(text.indexOf('"sourcesContent"'), text.indexOf('"mappings"'));
    const count = (re) => (cs.match(re) ?? []).length;
    out.map = {
      bytes: mapFile.body.length,
      orphaned: jsFile ? !out.js.sourceMappingURL : null,
      keys: Object.keys(map).join(','),
      sources: src.length,
      withContent: content.filter((c) => typeof c === 'string').length,
      firstParty: fp.reduce((s, [, v]) => s + v.n, 0),
      categories: Object.fromEntries(Object.entries(cats).map(([k, v]) => [k, { n: v.n, bytes: v.bytes, p50p90p99max: percentiles(v.sizes, [0.5, 0.9, 0.99, 1]) }])),
      contentBytes: Object.values(cats).reduce((s, v) => s + v.bytes, 0),
      contentJsonBytes: contentJson.length,
      inlineMaps: inline,
      inlineMapBytes: inlineBytes,
      packages: new Set(src.map((s) => s.match(/node_modules\/((@[^/]+\/)?[^/]+)/)?.[1]).filter(Boolean)).size,
      nested: src.filter((s) => /node_modules\/.*node_modules\//.test(s)).length,
      escapesPerKB: {
        newline: (count(/\\n/g) / cs.length) * 1000,
        quote: (count(/\\"/g) / cs.length) * 1000,
        unicode: (count(/\\u[0-9a-fA-F]{4}/g) / cs.length) * 1000,
        nonAscii: (count(/[^\x00-\x7f]/g) / cs.length) * 1000,
      },
      mappingsLength: mappings.length,
      mappingLines: mappings.split(';').length,
      emptyMappingLines: emptyLines,
      segments,
      segmentFields: fields,
      charsPerSegment: (mappings.length - mappings.split(';').length + 1) / Math.max(1, segments),
      names: (map.names ?? []).length,
      ratio: { map: gzRatio(mapFile.body), content: gzRatio(contentJson), firstParty: gzRatio(fpJson), thirdParty: gzRatio(tpJson), mappings: gzRatio(Buffer.from(mappings)) },
    };
  }
  return out;
}

/** Markdown: the leak's statistics next to ours. */
export function compareTable(a, b, labels = ['real release', 'leak-real.tgz']) {
  const mb = (x) => (x / 1e6).toFixed(2) + ' MB';
  const n = (x) => (x ?? 0).toLocaleString('en-US');
  const r = (x) => (x ?? 0).toFixed(2);
  const cat = (s, k) => s.map?.categories?.[k] ?? { n: 0, bytes: 0, p50p90p99max: [0, 0, 0, 0] };
  const rows = [
    ['tarball (.tgz)', (s) => mb(s.tgzBytes)],
    ['unpacked (tar)', (s) => mb(s.tarBytes)],
    ['files', (s) => n(s.files)],
    ['gzip level matching the size', (s) => s.gzipLevel ?? 'n/a'],
    ['cli.js', (s) => mb(s.js.bytes)],
    ['cli.js lines / median line', (s) => `${n(s.js.lines)} / ${n(s.js.medianLine)}`],
    ['cli.js lines > 1000 chars (bytes in them)', (s) => `${n(s.js.longLines)} (${mb(s.js.bytesInLongLines)})`],
    ['cli.js longest line', (s) => n(s.js.longestLine)],
    ['cli.js.map', (s) => `${mb(s.map.bytes)}${s.map.orphaned ? ', orphaned' : ''}`],
    ['map keys', (s) => s.map.keys],
    ['sources (with content)', (s) => `${n(s.map.sources)} (${n(s.map.withContent)})`],
    ['first-party src/ (.ts / .tsx / .js)', (s) => `${n(s.map.firstParty)} (${n(cat(s, 'fp.ts').n)} / ${n(cat(s, 'fp.tsx').n)} / ${n(cat(s, 'fp.js').n)})`],
    ['third-party node_modules/ (packages, nested)', (s) => `${n(cat(s, 'tp').n)} (${n(s.map.packages)}, ${n(s.map.nested)})`],
    ['sourcesContent bytes (JSON-encoded)', (s) => `${mb(s.map.contentBytes)} (${mb(s.map.contentJsonBytes)})`],
    ['  first-party .ts bytes, p50/p90/max', (s) => `${mb(cat(s, 'fp.ts').bytes)}, ${cat(s, 'fp.ts').p50p90p99max.filter((_, i) => i !== 2).map(n).join('/')}`],
    ['  first-party .tsx bytes (inline maps: n, bytes)', (s) => `${mb(cat(s, 'fp.tsx').bytes)} (${n(s.map.inlineMaps)}, ${mb(s.map.inlineMapBytes)})`],
    ['  third-party bytes, p50/p90/max', (s) => `${mb(cat(s, 'tp').bytes)}, ${cat(s, 'tp').p50p90p99max.filter((_, i) => i !== 2).map(n).join('/')}`],
    ['escapes per KB of sourcesContent: \\n, \\", \\u', (s) => ['newline', 'quote', 'unicode'].map((k) => s.map.escapesPerKB[k].toFixed(1)).join(', ')],
    ['mappings length', (s) => mb(s.map.mappingsLength)],
    ['mapping lines (empty)', (s) => `${n(s.map.mappingLines)} (${n(s.map.emptyMappingLines)})`],
    ['segments (fields)', (s) => `${n(s.map.segments)} (${Object.entries(s.map.segmentFields).map(([k, v]) => `${k}: ${n(v)}`).join(', ')})`],
    ['segments per KB of cli.js / chars per segment', (s) => `${((s.map.segments / s.js.bytes) * 1000).toFixed(1)} / ${r(s.map.charsPerSegment)}`],
    ['names', (s) => n(s.map.names)],
    ['native: large (n, bytes)', (s) => `${s.natives.large[0]}, ${mb(s.natives.large[1])}`],
    ['native: small (n, bytes)', (s) => `${s.natives.small[0]}, ${mb(s.natives.small[1])}`],
    ['gzip -6 ratio: cli.js', (s) => r(s.js.ratio)],
    ['gzip -6 ratio: cli.js.map (content / first-party / third-party / mappings)', (s) => `${r(s.map.ratio.map)} (${r(s.map.ratio.content)} / ${r(s.map.ratio.firstParty)} / ${r(s.map.ratio.thirdParty)} / ${r(s.map.ratio.mappings)})`],
    ['gzip -6 ratio: natives large / small', (s) => `${r(s.natives.large[2])} / ${r(s.natives.small[2])}`],
    ['JSON.parse of the map (one run)', (s) => `${s.parseMs.toFixed(0)} ms`],
  ];
  const lines = [`| | ${labels[0]} | ${labels[1]} |`, '|---|---:|---:|'];
  for (const [label, f] of rows) lines.push(`| ${label} | ${f(a)} | ${f(b)} |`);
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  if (args[0] === '--stats') {
    console.log(JSON.stringify(shapeStats(readFileSync(args[1])), null, 2));
  } else if (args[0] === '--real-leak') {
    process.stdout.write(await realLeak());
  } else if (args[0] === '--compare') {
    console.log(compareTable(shapeStats(readFileSync(args[1])), shapeStats(readFileSync(args[2])), [args[1].split('/').pop(), args[2].split('/').pop()]));
  } else {
    const toStdout = args[0] === '--stdout';
    const out = toStdout ? null : resolve(args[0] ?? join(ROOT, 'target/bench/leak-real.tgz'));
    const { tgz, info } = await buildRealLeak({ log: (m) => console.error(m) });
    if (toStdout) process.stdout.write(tgz);
    else {
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, tgz);
      console.error(`wrote ${out}`);
    }
    console.error(`leak-real.tgz: ${(tgz.length / 1e6).toFixed(1)} MB, ${info.files} files, ${info.sources} sources (${info.tpPackages} packages), ${info.segments} segments; assembled in ${(info.buildMs / 1000).toFixed(1)} s (${(info.totalMs / 1000).toFixed(1)} s in all)`);
    if (process.env.LEAK_REAL_VERBOSE) console.error(JSON.stringify(info, null, 1));
  }
}
