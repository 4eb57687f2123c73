"""Small upstream trees for the `make upstream` tests: Zammad's and Placetel's files in their formats, with
content the tests make up from the project's own facts (so a fresh tree agrees with the project), and
never Zammad's or Placetel's text. A test then breaks one thing and expects exactly that difference."""

import json
from pathlib import Path

from placetel_tools import simulator
from placetel_tools.upstream import facts as project
from placetel_tools.upstream.sources import PLACETEL_FILES, ZAMMAD_FILES

# Zammad's number rules as the caller recognition page describes them, written for the tests.
CALLER_ID_RB = """\
# Made up by the tests: the caller ID rules in the shape of Zammad's model.
module Cti
  class CallerId
    DEFAULT_COUNTRY_ID = '49'.freeze

    def self.extract_numbers(text)
      return [] unless text.is_a?(String)

      text.scan(/([\\d\\s\\-(|)]{6,26})/).map { |found| normalize_number(found.first) }
    end

    def self.normalize_number(number)
      digits = number.gsub(/[\\s-]/, '')
      digits = digits.sub(/\\A(00)?(\\+?\\d\\d)\\(0?(\\d*)\\)/) { "#{$1}#{$2}#{$3}" }
      digits = digits.gsub(/\\D/, '')
      return digits[2..] if digits.start_with?('00')
      return DEFAULT_COUNTRY_ID + digits[1..] if digits.start_with?('0')

      digits
    end
  end
end
"""


def ruby_string(text):
    """``text`` as a Ruby string literal."""
    if "'" not in text:
        return "'" + text.replace("\\", "\\\\") + "'"
    return json.dumps(text)


def ruby_literal(value):
    """A Python value as the Ruby literal a seed writes."""
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{ruby_string(k)} => {ruby_literal(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(ruby_literal(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nil"
    if isinstance(value, int):
        return str(value)
    return ruby_string(value)


def po_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _facts():
    return {fact.id: fact for fact in project.project_facts()}


def zammad_files():
    """{file key: text} of a Zammad tree that agrees with the project."""
    facts = _facts()
    errors = {name: facts[f"answer:{name}"].value for name in project.ERRORS}
    reject = facts["answer:reject"].value
    dial = facts["answer:dial"].value
    files = {"version": "9.9.x\n"}
    files["controller"] = f"""\
# Made up by the tests, in the shape of Zammad's Placetel controller.
class Integration::PlacetelController < ApplicationController
  before_action :check_configured, :check_token

  def event
    result = Cti::Driver::Placetel.new(params: params).process

    if result[:action] == 'reject'
      response_reject(result)
      return true
    end

    if result[:action] == 'set_caller_id'
      response_set_caller_id(result)
      return true
    end

    if result[:action] == 'invalid_direction'
      response_error(__({ruby_string(errors["INVALID_DIRECTION"]["text"])}))
      return true
    end

    response_ok(result)
    true
  end

  private

  def check_token
    if Setting.get('placetel_token') != params[:token]
      response_unauthorized(__({ruby_string(errors["INVALID_TOKEN"]["text"])}))
      return
    end

    true
  end

  def check_configured
    if !Setting.get('placetel_integration')
      response_error(__({ruby_string(errors["DISABLED"]["text"])}))
      return
    end
    if config_integration.blank? || config_integration[:inbound].blank? || config_integration[:outbound].blank?
      response_error(__({ruby_string(errors["NOT_CONFIGURED"]["text"])}))
      return
    end

    true
  end

  def xml_error(error, code)
    content = xml.Response() do
      xml.Error(error)
    end
    send_data content, type: {ruby_string(simulator.CONTENT_TYPE)}, status: code
  end

  def response_error(error)
    xml_error(error, {errors["NOT_CONFIGURED"]["status"]})
  end

  def response_unauthorized(error)
    xml_error(error, {errors["INVALID_TOKEN"]["status"]})
  end

  def response_reject(_result)
    content = xml.Response() do
      xml.{reject["element"]}({{ {
        ", ".join(f"{k}: {ruby_string(v)}" for k, v in reject["attributes"].items())
    } }})
    end
    send_data content, type: {ruby_string(simulator.CONTENT_TYPE)}
  end

  def response_set_caller_id(result)
    content = xml.Response() do
      xml.{dial["element"]}({", ".join(f"{name}: result[:{name}]" for name in dial["attributes"])}) {{ {
        " ".join(f"xml.{child}(result[:to])" for child in dial["children"])
    } }}
    end
    send_data(content, type: {ruby_string(simulator.CONTENT_TYPE)})
  end

  def response_ok(_result)
    content = xml.Response()
    send_data content, type: {ruby_string(simulator.CONTENT_TYPE)}
  end
end
"""
    route = facts["route"].value
    verbs = ", ".join(f":{method.lower()}" for method in route["methods"])
    files["routes"] = f"""\
# Made up by the tests.
Zammad::Application.routes.draw do
  match '{route["prefix"]}:token', to: 'integration/placetel#event', via: {verbs if len(route["methods"]) == 1 else "[" + verbs + "]"}
end
"""
    seeded = facts["seeded:placetel_config"].value
    token_bytes = (facts["seeded:placetel_token"].value or 27) * 3 // 4
    files["seeds"] = f"""\
# Made up by the tests: three settings in the shape of Zammad's seeds.
Setting.create_if_not_exists(
  title:       __('Placetel integration'),
  name:        'placetel_integration',
  area:        'Integration::Switch',
  state:       {ruby_literal(facts["seeded:placetel_integration"].value)},
  frontend:    true
)
Setting.create_if_not_exists(
  title:       __('Placetel config'),
  name:        'placetel_config',
  area:        'Integration::Placetel',
  state:       {ruby_literal(seeded if seeded is not None else {})},
  frontend:    false,
)
Setting.create_if_not_exists(
  title:       __('Placetel Token'),
  name:        'placetel_token',
  area:        'Integration::Placetel',
  state:       ENV['PLACETEL_TOKEN'] || SecureRandom.urlsafe_base64({token_bytes}),
  frontend:    false
)
"""
    files["caller_id"] = CALLER_ID_RB
    english, german = project.labels(project.ROOT)
    view, entries = ["<form>"], {}
    for (label, _), (translation, _) in zip(english, german, strict=True):
        if "/" in label:
            parts, germans = label.split("/"), translation.split("/")
            view.append("  <th>" + "/".join(f"<%- @T({ruby_string(part)}) %>" for part in parts))
            entries.update(zip(parts, germans, strict=True))
        else:
            view.append(f"  <h2><%- @T({ruby_string(label)}) %></h2>")
            entries[label] = translation
    files["view"] = "\n".join([*view, "</form>", ""])
    files["base_view"] = "<h1><%- @T(@header) %></h1>\n"
    files["http_log"] = "<h2><%- @T('Made-up log heading') %></h2>\n"
    files["caller_log"] = "<th><%- @T('Made-up column') %>\n"
    files["page_controller"] = (
        "class Placetel extends App.ControllerIntegrationBase\n  featureName: __('Placetel')\n"
    )
    catalogue = [
        'msgid ""',
        'msgstr ""',
        '"Project-Id-Version: made-up\\n"',
        '"PO-Revision-Date: 2099-01-02 03:04+0000\\n"',
        '"Language: de-de\\n"',
        "",
    ]
    for msgid, msgstr in entries.items():
        catalogue += [
            "#: app/assets/javascripts/app/views/integration/placetel.jst.eco:1",
            f"msgid {po_string(msgid)}",
            f"msgstr {po_string(msgstr)}",
            "",
        ]
    files["catalogue"] = "\n".join(catalogue)
    return files


def placetel_files():
    """{file key: text} of a Placetel tree (its README) that agrees with the project."""
    facts = _facts()
    events = [fact.value for fact in facts.values() if fact.id.startswith("placetel:event:")]
    fields = [fact.id.split(":", 2)[2] for fact in facts.values() if fact.id.startswith("placetel:field:")]
    reason = facts["answer:reject"].value["attributes"].get("reason", "busy")
    lines = ["# A made-up API description", "", "## Our POST request", ""]
    for event in events:
        lines += [
            f"### {event}",
            "",
            "Parameter | Description",
            "--------- | -----------",
            f'`event` | `"{event}"`',
        ]
        lines += [f"`{field}` | made up" for field in fields if field != "event"]
        lines.append("")
    lines += ["#### Hangup types", "", "Type | Description", "---- | -----------"]
    lines += [f"`{kind}` | made up" for kind in simulator.HANGUP_TYPES]
    lines += ["", "## Your XML response", "", "Action | Description", "------ | -----------"]
    lines += [f"[{answer}](#{answer.lower()}) | made up" for answer in simulator.PLACETEL_ANSWERS]
    lines += [
        "",
        "### Reject",
        "",
        "Attribute | Description",
        "--------- | -----------",
        f'`reason` | for now: `"{reason}"`',
        "",
    ]
    return {"readme": "\n".join(lines)}


def write(folder, paths, files):
    """Write ``files`` ({key: text}) under ``folder`` at ``paths`` ({key: path}); return the folder."""
    folder = Path(folder)
    for key, text in files.items():
        path = folder / paths[key]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def zammad_tree(folder, **changes):
    """A Zammad tree under ``folder``; ``changes`` replace files: key=text, or key=(old, new)."""
    return write(folder, ZAMMAD_FILES, _changed(zammad_files(), changes))


def placetel_tree(folder, **changes):
    return write(folder, PLACETEL_FILES, _changed(placetel_files(), changes))


def _changed(files, changes):
    for key, change in changes.items():
        if isinstance(change, tuple):
            old, new = change
            assert old in files[key], f"{key} has no {old!r}: update the test"
            files[key] = files[key].replace(old, new, 1)
        else:
            files[key] = change
    return files


def line_in(text, part):
    """The number of the first line of ``text`` that contains ``part``."""
    return next(number for number, line in enumerate(text.splitlines(), 1) if part in line)
