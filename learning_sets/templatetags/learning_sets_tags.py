from django import template

register = template.Library()


@register.filter
def who(person):
    """A person's name, or 'a former member' once they left and asked to be anonymised."""
    return person.display_name if person else "A former member"


@register.filter
def names(people):
    """People's names, separated by commas: "Sam Setmember, Tess Two"."""
    return ", ".join(person.display_name for person in people)
