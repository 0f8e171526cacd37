"""The demo's one full-length briefing, a learning history (all fictional)."""

from .blocks import commentary, lessons, paragraph, prompts, quote, voice


def parents_at_the_table(image):
    """The demo's one full-length briefing, written as a learning history: the learning team's
    commentary (making sense) beside the narrative (parents', practitioners' and leaders' own
    words), over one year of three partnerships."""
    return [
        ("heading", "Why this briefing"),
        paragraph(
            "Every partnership in the programme says it works <b>with</b> parents. Over the "
            "last year we asked what that looks like on a wet Tuesday, when the meeting is at "
            "10am and the bus is late. We followed three partnerships, Harbourside Families "
            "Together, Pennine Early Help Alliance and Valleys Together, from the first "
            "invitation to the point where parents were running part of the work."
        ),
        paragraph(
            "This is a learning history. On the left of each section is our commentary: what "
            "we think was going on. On the right are the words of the people who were there: "
            "parents, practitioners and leaders. They do not always agree with us, or with "
            "each other, and we have left it that way. Quotes are given with a role, not a "
            "name, unless the person asked to be named."
        ),
        ("heading", "1. The first invitation"),
        commentary(
            "In all three partnerships the first invitation was general: come and tell us "
            "what you think. Parents who came once often did not come again. Nobody had been "
            "unkind; the meeting simply had no place for them. The agenda had been written "
            "before they arrived, and the papers assumed a reader who already knew the "
            "services by their initials.",
            voice(
                "The first time, I sat at the back and nobody explained the acronyms. I went "
                "home and looked up MASH. By the third meeting I was chairing the bit about "
                "the family hub, but I nearly didn't go back after the first.",
                "parent",
                "Harbourside Families Together",
            ),
            voice(
                "We thought we were being welcoming. Looking back, we were welcoming people "
                "into our meeting, not making a meeting with them.",
                "family hub manager",
                "Harbourside Families Together",
            ),
        ),
        ("heading", "2. From a view to a job"),
        commentary(
            "The turning point came when the invitation changed from asking for a view to "
            "asking for a piece of work with a beginning and an end. A job can be said yes "
            "or no to; an open invitation to 'have a say' leaves a parent guessing what is "
            "wanted and whether they are doing it right.",
            voice(
                "We stopped asking 'what do you think?' and started asking 'will you run this "
                "with us?'",
                "senior leader",
                "Pennine Early Help Alliance",
            ),
            voice(
                "When they asked me to plan the Saturday drop-in, I knew what I was for. I "
                "could say what day, what time, who to ask. That was the first time it felt "
                "like mine.",
                "parent",
                "Pennine Early Help Alliance",
            ),
            voice(
                "It was uncomfortable to hand over something we would be judged on. The "
                "drop-in was better than the ones we had run.",
                "early help practitioner",
                "Pennine Early Help Alliance",
            ),
        ),
        ("heading", "3. Paying for time"),
        commentary(
            "Payment was the question every partnership came back to. Paying parents for "
            "their time was agreed in principle everywhere; paying them quickly was much "
            "harder. A voucher that arrives six weeks later, after a form that asks for a "
            "national insurance number, tells a parent something different from what the "
            "partnership meant to say.",
            voice("Being paid for my time said my time mattered.", "parent champion"),
            voice(
                "The first payment took two months. I had childcare to pay for that week. I "
                "didn't say anything, but I nearly stopped.",
                "parent",
                "Valleys Together",
            ),
            voice(
                "We now pay on the day, in cash or by bank transfer, from a small fund the "
                "board signed off once. It took a year to get there and it was worth it.",
                "partnership lead",
                "Valleys Together",
            ),
        ),
        ("heading", "4. Who holds the pen"),
        commentary(
            "Parents were often in the room when a decision was discussed and absent when it "
            "was written down. The minutes, the funding bid and the board paper were drafted "
            "by staff, and the parents' words were paraphrased into the language of the "
            "service. Where partnerships let parents write, or at least sign off, the words "
            "that went forward, trust held.",
            voice(
                "I read the board paper and didn't recognise what I'd said. It was all "
                "'service users expressed a preference'. I'd said my son was scared of the "
                "building.",
                "parent",
                "Harbourside Families Together",
            ),
            voice(
                "Now a parent reads every paper before it goes, and we keep one quote in "
                "their words on the front page. It slows us down by a week. Nobody on the "
                "board has complained.",
                "commissioner",
                "Harbourside Families Together",
            ),
        ),
        (
            "image",
            {
                "image": image,
                "alt_text": "A wall covered in handwritten sticky notes after a parents' "
                "planning session",
                "caption": "Ideas from a planning session run by parents in Calderdale.",
            },
        ),
        ("heading", "5. What it cost, and who paid"),
        commentary(
            "Co-production was not free, and the costs did not fall evenly. Staff gave "
            "evenings; parents gave time they would otherwise have spent working or caring. "
            "The partnerships that kept going were honest about the cost up front and put it "
            "in the budget, rather than hoping goodwill would cover it.",
            voice(
                "Evening meetings suited the parents and didn't suit my contract. Something "
                "had to give, and for a while it was me.",
                "early help practitioner",
                "Pennine Early Help Alliance",
            ),
            voice(
                "We costed it properly in the second year: payments, travel, a crèche, and two "
                "days a month of a worker's time. It was less than we spent on one "
                "consultation that nobody read.",
                "senior leader",
                "Valleys Together",
            ),
        ),
        ("heading", "6. Where we disagree"),
        commentary(
            "Not everyone agrees that parents should run things. Some practitioners worry "
            "about safeguarding and about parents carrying the weight of decisions that "
            "professionals are paid to make. We think this worry deserves a hearing, not a "
            "rebuttal: the partnerships that did best named it early and agreed which "
            "decisions stay with professionals.",
            voice(
                "I want parents at the table. I don't want a mum deciding on her own whether "
                "a family's situation is safe. Those are different things and we should say "
                "so.",
                "health visitor",
                "Valleys Together",
            ),
            voice(
                "Nobody asked me to make safeguarding decisions. I was asked how to make the "
                "building less frightening. I'm good at that.",
                "parent",
                "Valleys Together",
            ),
        ),
        quote(
            "If you want parents to stay, give them something real to do, pay them on the "
            "day, and let them write their own words.",
            "parent",
            "Harbourside Families Together",
        ),
        lessons(
            "Key lessons",
            "Give parents real decisions, not only consultation: a job with a beginning and "
            "an end.",
            "Pay parents for their time, and pay them quickly: on the day if you can.",
            "Explain the jargon once, out loud, every time someone new joins.",
            "Let parents write, or sign off, the words that go forward in their name.",
            "Cost co-production honestly and put it in the budget.",
            "Agree early which decisions stay with professionals, and say why.",
        ),
        ("heading", "Questions for your partnership"),
        prompts(
            "What resonates with you in these stories?",
            "Which decision could parents in your partnership own next?",
            "What would you like to explore at a future huddle?",
            heading="Over to you",
        ),
    ]
