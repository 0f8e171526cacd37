"""Question pages: lists, asking, answering, accepting, following and history."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from hub.core import thanks
from hub.core.listing import page_of
from hub.core.ratelimit import rate_limited
from hub.core.services import ServiceError
from hub.moderation.pages import (
    confirm_delete,
    editable_or_403,
    form_page,
    open_or_404,
    save_through,
)
from hub.moderation.services import revisions_of
from hub.people import roles
from hub.people.decorators import member_required, officer_required
from hub.questions import queries, services
from hub.questions.forms import AnswerForm, QuestionFilterForm, QuestionForm
from hub.questions.models import Answer, Follow, HaveThisToo, Question

PAGE_SIZE = 20


MENTION_SUGGESTIONS = 10


@member_required
def mention_people(request):
    """``?q=`` a few letters of a name: up to ten members this person may mention, as JSON
    for the mention picker (questions are open to every programme member, so every member
    may be mentioned). Visitors and people awaiting approval are refused by the decorator."""
    typed = " ".join("".join(c for c in request.GET.get("q", "") if c.isprintable()).split())
    if len(typed) < 2:
        return JsonResponse({"people": []})
    people = (
        roles.members()
        .exclude(pk=request.user.pk)
        .filter(display_name__icontains=typed[:60])
        .order_by("display_name", "pk")
        .values_list("pk", "display_name")[:MENTION_SUGGESTIONS]
    )
    response = JsonResponse({"people": [{"id": pk, "name": name} for pk, name in people]})
    response["Cache-Control"] = "private, no-store"
    return response


def _question_for(user, pk):
    """The question, if this person may open it: members while it shows, and its author or
    an officer while it is hidden (so they can read why)."""
    return open_or_404(
        Question.objects.select_related("author", "partnership", "accepted_answer"), user, pk=pk
    )


def _own_question(user, pk):
    """The question, if this person may change it: only the person who asked (or an officer)."""
    return editable_or_403(
        _question_for(user, pk), user, "Only the person who asked can change this question."
    )


@member_required
def question_list(request):
    form = QuestionFilterForm(request.GET or None)
    questions = Question.objects.visible_to(request.user)
    show, theme, query = "newest", None, ""
    if form.is_valid():
        show = form.cleaned_data["show"] or "newest"
        theme = form.cleaned_data["theme"]
        query = form.cleaned_data["q"].strip()
    if show == "unanswered":
        questions = questions.unanswered()
    elif show == "solved":
        questions = questions.solved()
    if theme:
        questions = questions.filter(themes=theme)
    if query:
        found = queries.search_questions(request.user, query, limit=100)
        questions = questions.filter(pk__in=[q.pk for q in found])
    page, params = page_of(
        request, questions.for_listing().order_by("-created_at", "-pk"), PAGE_SIZE
    )
    return render(
        request,
        "questions/question_list.html",
        {
            "form": form,
            "page_obj": page,
            "questions": page.object_list,
            "show": show,
            "theme": theme,
            "query": query,
            "filter_query": params,
        },
    )


@member_required
@rate_limited("question")
def ask(request):
    form = QuestionForm(request.POST or None)
    done = save_through(
        request,
        form,
        lambda data: services.ask_question(author=request.user, **data),
        "Your question is up. We will email you when people answer.",
    )
    return done or form_page(request, "questions/question_form.html", form, editing=False)


@member_required
def detail(request, pk):
    question = _question_for(request.user, pk)
    user = request.user
    answers = [
        answer
        for answer in question.answers.select_related("author", "question", "filed_as").order_by(
            "created_at", "pk"
        )
        if answer.can_view(user) or answer.can_see_hidden(user)
    ]
    thanks.annotate(answers, user)
    # The accepted answer comes first, as readers look for it.
    answers.sort(key=lambda answer: answer.pk != question.accepted_answer_id)
    return render(
        request,
        "questions/question_detail.html",
        {
            "question": question,
            "answers": answers,
            "answer_form": AnswerForm(),
            "following": Follow.objects.filter(question=question, person=user).exists(),
            "has_too": HaveThisToo.objects.filter(question=question, person=user).exists(),
            "have_too_count": question.have_too.count(),
            "can_accept": question.can_accept(user),
            "can_edit": question.can_edit(user),
            "is_officer": roles.is_officer(user),
        },
    )


@member_required
def edit(request, pk):
    question = _own_question(request.user, pk)
    form = QuestionForm(request.POST or None, instance=question)
    done = save_through(
        request,
        form,
        # A fresh copy: the form has already written the new values onto ``question``.
        lambda data: services.edit_question(
            Question.objects.get(pk=question.pk), by=request.user, **data
        ),
        "Your question is updated.",
    )
    return done or form_page(
        request, "questions/question_form.html", form, question=question, editing=True
    )


@member_required
def delete(request, pk):
    question = _own_question(request.user, pk)
    return confirm_delete(
        request,
        question,
        delete=services.delete_question,
        kind="question",
        done="Your question is deleted.",
        then="questions:list",
        warning="Its answers go with it.",
    )


@require_POST
@member_required
@rate_limited("answer")
def answer(request, pk):
    question = _question_for(request.user, pk)
    if not question.can_view(request.user):
        raise PermissionDenied("This question is hidden, so it cannot be answered.")
    form = AnswerForm(request.POST)
    done = save_through(
        request,
        form,
        lambda data: services.post_answer(question, author=request.user, body=data["body"]),
        "Thank you for your answer.",
    )
    return done or form_page(
        request, "questions/answer_form.html", form, status_ok=400, question=question
    )


def _answer_for(user, pk):
    answer = open_or_404(Answer.objects.select_related("question", "author"), user, pk=pk)
    _question_for(user, answer.question_id)
    return answer


def _own_answer(user, pk):
    """The answer, if this person may change it: only the person who wrote it (or an officer)."""
    return editable_or_403(
        _answer_for(user, pk), user, "Only the person who wrote this answer can change it."
    )


@member_required
def answer_edit(request, pk):
    answer = _own_answer(request.user, pk)
    form = AnswerForm(request.POST or None, instance=answer)
    done = save_through(
        request,
        form,
        lambda data: services.edit_answer(
            Answer.objects.select_related("question").get(pk=answer.pk),
            by=request.user,
            body=data["body"],
        ),
        "Your answer is updated.",
    )
    return done or form_page(
        request, "questions/answer_form.html", form, question=answer.question, answer=answer
    )


@member_required
def answer_delete(request, pk):
    answer = _own_answer(request.user, pk)
    return confirm_delete(
        request,
        answer,
        delete=services.delete_answer,
        kind="answer",
        done="Your answer is deleted.",
        then=answer.question,
    )


@require_POST
@member_required
def accept(request, pk):
    answer = _answer_for(request.user, pk)
    try:
        services.accept_answer(answer, by=request.user)
    except ServiceError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, "Answer accepted. Thank you for closing the loop.")
    return redirect(answer)


@require_POST
@member_required
def unaccept(request, pk):
    question = _question_for(request.user, pk)
    services.clear_accepted_answer(question, by=request.user)
    messages.success(request, "No answer is accepted now.")
    return redirect(question)


@require_POST
@member_required
def follow(request, pk):
    question = _question_for(request.user, pk)
    on = request.POST.get("on") == "1"
    services.set_follow(question, request.user, on=on)
    messages.success(
        request,
        "You are following this question." if on else "You have stopped following this question.",
    )
    return redirect(question)


@require_POST
@member_required
def have_too(request, pk):
    question = _question_for(request.user, pk)
    on = request.POST.get("on") == "1"
    services.set_have_this_too(question, request.user, on=on)
    if on:
        messages.success(request, "Noted: you have this question too.")
    return redirect(question)


@officer_required
def history(request, pk):
    """Earlier versions of a question and its answers: for officers only."""
    question = get_object_or_404(Question, pk=pk)
    answers = list(question.answers.select_related("author"))
    return render(
        request,
        "questions/history.html",
        {
            "question": question,
            "question_revisions": revisions_of(question),
            "answers": [(answer, list(revisions_of(answer))) for answer in answers],
        },
    )


@require_POST
@officer_required
def file_answer(request, pk):
    """An officer files an accepted answer into the library ("from the questions")."""
    answer = _answer_for(request.user, pk)
    try:
        resource = services.file_answer_in_library(answer, by=request.user)
    except ServiceError as error:
        messages.error(request, error.messages[0])
        return redirect(answer)
    messages.success(request, "Filed in the library. The resource links back to this answer.")
    return redirect(resource)
