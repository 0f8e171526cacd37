"""The blocks a briefing's body is made of. Each has its own small, accessible template."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "document-link"]


class HeadingBlock(blocks.CharBlock):
    """A section heading; long briefings list these as their contents."""

    class Meta:
        icon = "title"
        template = "briefings/blocks/heading.html"
        form_classname = "title"


class VoiceBlock(blocks.StructBlock):
    """A participant's own words, attributed by role. A name only with recorded consent."""

    quote = blocks.TextBlock(help_text="The person's words, as they said them.")
    role = blocks.CharBlock(
        max_length=80, help_text='How they are described, e.g. "parent" or "senior leader".'
    )
    partnership = blocks.CharBlock(
        max_length=120, required=False, help_text="Optional: the partnership they belong to."
    )
    name = blocks.CharBlock(
        max_length=80,
        required=False,
        help_text="Leave empty unless the person agreed to be named.",
    )
    consent_to_name = blocks.BooleanBlock(
        required=False, label="The person agreed to be named", help_text="Needed to show a name."
    )

    class Meta:
        icon = "openquote"
        template = "briefings/blocks/voice.html"

    def clean(self, value):
        value = super().clean(value)
        if value.get("name") and not value.get("consent_to_name"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "name": ErrorList(
                        [
                            ValidationError(
                                "Only name someone who agreed to be named: tick the consent box "
                                "or leave the name empty."
                            )
                        ]
                    )
                }
            )
        return value


class VoiceChooserBlock(SnippetChooserBlock):
    """A voice from the voice bank (named by label: briefings import nothing of the bank)."""

    def __init__(self, **kwargs):
        super().__init__("voices.Voice", **kwargs)

    def bulk_to_python(self, values):
        # The attribution names the partnership: load it with the voices, in one query.
        found = self.model_class.objects.select_related("partnership").in_bulk(
            [value for value in values if value is not None]
        )
        return [found.get(value) for value in values]

    def get_searchable_content(self, value):
        # The words are read live from the bank and never copied into the search index, so a
        # withdrawal cannot leave them behind there.
        return []

    def clean(self, value):
        value = super().clean(value)
        if value is not None and not value.usable:
            raise ValidationError(
                "Choose words the person has approved: these are waiting for their check-back "
                "or were withdrawn."
            )
        return value


class BankVoiceBlock(blocks.StructBlock):
    """Words from the voice bank, quoted live: a change by the person shows at once, a
    withdrawal takes the words out, and programme-only words are never shown to visitors."""

    voice = VoiceChooserBlock(help_text="Only voices the person has approved can be chosen.")

    class Meta:
        icon = "openquote"
        label = "Voice from the voice bank"
        template = "briefings/blocks/voice.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        parent_context = parent_context or {}
        voice = value.get("voice")
        request = parent_context.get("request")
        page = parent_context.get("page")
        programme_page = getattr(page, "audience", "public") != "public"
        user = getattr(request, "user", None)
        context.update(
            bank_voice=voice,
            voice_shown=bool(voice and voice.can_quote_to(user, programme_page=programme_page)),
            voice_withdrawn=bool(voice is None or voice.withdrawn),
        )
        return context


class CommentaryNarrativeBlock(blocks.StructBlock):
    """A learning-history pair: making sense on one side, people's voices on the other."""

    commentary = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, help_text="Making sense.")
    voices = blocks.ListBlock(VoiceBlock(), min_num=1, help_text="The people's own words.")

    class Meta:
        icon = "doc-full"
        label = "Commentary beside narrative"
        template = "briefings/blocks/commentary_narrative.html"


class ReflectionPromptsBlock(blocks.StructBlock):
    """Questions for the reader; members can respond to each one under the briefing."""

    heading = blocks.CharBlock(max_length=120, default="Questions to reflect on")
    prompts = blocks.ListBlock(blocks.CharBlock(max_length=300), min_num=1)

    class Meta:
        icon = "help"
        template = "briefings/blocks/reflection_prompts.html"


class KeyLessonsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default="Key lessons")
    lessons = blocks.ListBlock(blocks.TextBlock(), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "briefings/blocks/key_lessons.html"


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, required=False)
    text = blocks.RichTextBlock(features=["bold", "italic", "link"])

    class Meta:
        icon = "warning"
        template = "briefings/blocks/callout.html"


class ImageBlock(blocks.StructBlock):
    """An image with alt text (always) and a caption. Images are never private."""

    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250,
        help_text="Describe what the image shows for someone who cannot see it.",
    )
    caption = blocks.CharBlock(max_length=250, required=False)

    class Meta:
        icon = "image"
        template = "briefings/blocks/image.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(help_text="A link to the video, e.g. on YouTube or Vimeo.")
    title = blocks.CharBlock(max_length=150, help_text="Describes the video for screen readers.")
    transcript_url = blocks.URLBlock(required=False, help_text="Optional: a transcript.")

    class Meta:
        icon = "media"
        template = "briefings/blocks/video.html"


class DocumentBlock(blocks.StructBlock):
    """A download. On programme-only briefings the document must be in a private collection."""

    document = DocumentChooserBlock()
    title = blocks.CharBlock(max_length=150, required=False, help_text="Defaults to its title.")
    description = blocks.TextBlock(required=False)

    class Meta:
        icon = "doc-full-inverse"
        template = "briefings/blocks/document.html"


class RelatedLinkBlock(blocks.StructBlock):
    """A related event (a page in the hub) or resource (a page or a web address)."""

    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False, help_text="Or a web address, if it is not in the hub.")
    title = blocks.CharBlock(
        max_length=150, required=False, help_text="Defaults to the page title."
    )
    description = blocks.TextBlock(required=False)

    class Meta:
        icon = "link"
        label = "Related event or resource"
        template = "briefings/blocks/related_link.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "page": ErrorList([ValidationError("Choose a page or a web address.")])
                }
            )
        if value.get("url") and not value.get("title"):
            raise blocks.StructBlockValidationError(
                block_errors={"title": ErrorList([ValidationError("Give the link a title.")])}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        page = value.get("page")
        request = (parent_context or {}).get("request")
        visible = True
        if page is not None:
            page = page.specific
            can_view = getattr(page, "can_view", None)
            # A link to something the reader may not see would leak its title: leave it out.
            if not page.live or (can_view and not can_view(getattr(request, "user", None))):
                visible = False
        context.update(
            link_visible=visible,
            link_url=page.url if page is not None else value.get("url"),
            link_title=value.get("title") or (page.title if page is not None else ""),
        )
        return context


class BriefingBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, template="briefings/blocks/paragraph.html"
    )
    voice = VoiceBlock()
    bank_voice = BankVoiceBlock()
    commentary_narrative = CommentaryNarrativeBlock()
    reflection_prompts = ReflectionPromptsBlock()
    key_lessons = KeyLessonsBlock()
    callout = CalloutBlock()
    image = ImageBlock()
    video = VideoBlock()
    document = DocumentBlock()
    related_link = RelatedLinkBlock()
