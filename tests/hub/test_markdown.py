"""Member-written Markdown renders inert whatever is thrown at it."""

import re
from html.parser import HTMLParser

import pytest

from hub.core.markdown import ALLOWED_TAGS, mentioned_ids, render_markdown

# A standard list of XSS payloads (after the OWASP filter evasion cheat sheet), in raw HTML
# and in Markdown's own link and image syntax.
XSS_PAYLOADS = [
    "<script>alert('xss')</script>",
    "<SCRIPT SRC=http://xss.example/xss.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<img src="javascript:alert(1)">',
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<img src=`javascript:alert(1)`>",
    '<img """><script>alert("XSS")</script>">',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>',
    '<embed src="javascript:alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JAVASCRIPT:alert(1)">click</a>',
    '<a href="jav&#x09;ascript:alert(1)">click</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    "![img](javascript:alert(1))",
    '![img](x" onerror="alert(1))',
    '[a](https://example.org "title" onmouseover=alert(1))',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    '<div style="width: expression(alert(1))">styled</div>',
    "<style>body{background:url('javascript:alert(1)')}</style>",
    '<link rel="stylesheet" href="javascript:alert(1)">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    "<input onfocus=alert(1) autofocus>",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<base href="javascript:alert(1)//">',
    "<<script>script>alert(1)<</script>/script>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "`<script>alert(1)</script>`",
    "```\n<script>alert(1)</script>\n```",
    "<!--<script>alert(1)--></script>",
    '<a href="https://example.org" onclick="alert(1)">ok</a>',
    "@[<script>alert(1)</script>](1)",
    "@[x](1)<img src=x onerror=alert(1)>",
]


class _Elements(HTMLParser):
    """Every element and attribute a browser would build from the output."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def _elements(html):
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.elements


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_payloads_render_inert(payload):
    html = str(render_markdown(payload))
    for tag, attrs in _elements(html):
        assert tag in ALLOWED_TAGS, html
        for name, value in attrs.items():
            assert not name.startswith("on") and name != "style", html
            if name in ("href", "src"):
                # What the browser sees after decoding entities and dropping control chars.
                target = re.sub(r"[\x00-\x20]", "", value or "").lower()
                assert target.startswith(("http://", "https://", "mailto:", "/", "#")), html


def test_links_get_nofollow_noopener_and_keep_safe_targets():
    html = str(render_markdown("See [the guide](https://example.org/guide) and <mailto:a@b.org>"))
    assert '<a href="https://example.org/guide" rel="nofollow noopener">the guide</a>' in html
    assert 'href="mailto:a@b.org"' in html


def test_ordinary_markdown_survives():
    html = str(render_markdown("# Title\n\n**bold** and *soft*\n\n- one\n- two\n\n> quoted"))
    assert "<h2>Title</h2>" in html  # below the page's own h1
    assert "<strong>bold</strong>" in html and "<em>soft</em>" in html
    assert "<li>one</li>" in html and "<blockquote>" in html


def test_mentions_link_to_the_profile():
    html = str(render_markdown("Thanks @[Maya Member](42), and @[Maya Member](42) again"))
    assert '<a href="/people/42/" rel="nofollow noopener">@Maya Member</a>' in html
    assert mentioned_ids("@[A](3) @[B](4) @[A](3)") == [3, 4]
