//! The forms of the instruction to suppliers and what it is filled with: the deadline and
//! text, the placeholders left in it, the organisation's name and contact, the model's note.

use crate::domain::competition::Competition;
use crate::domain::organisation::Organisation;
use crate::i18n::Catalog;

use super::target;
use crate::app::competitions::CompetitionPart;
use crate::app::form::{Field, FieldKind, Form, form_keys, format_datetime};

form_keys! {
    /// The tender deadline and the instruction's text.
    pub enum InstructionKey {
        Deadline => "ui.field.tender_deadline",
        Instruction => "ui.field.instruction",
    }
}

form_keys! {
    /// One field per placeholder left in the instruction (repeated, titled by its name).
    pub enum PlaceholderKey {
        Value => "ui.field.placeholder",
    }
}

form_keys! {
    pub enum OrganisationKey {
        Name => "ui.field.organisation_name",
        Contact => "ui.field.organisation_contact",
    }
}

form_keys! {
    /// The evaluation model's note.
    pub enum NoteKey {
        Note => "ui.field.model_note",
    }
}

/// The deadline and the instruction as it reads now (`text`: with what the register knows
/// filled in).
pub fn instruction_form(cat: &Catalog, c: &Competition, text: &str) -> Form {
    let fields = vec![
        Field::new(
            InstructionKey::Deadline,
            FieldKind::DateTime { required: false },
            &c.deadline.map(format_datetime).unwrap_or_default(),
        ),
        Field::new(InstructionKey::Instruction, FieldKind::MultiLine, text),
    ];
    Form::new(
        cat.t("ui.form.instruction").to_string(),
        target(CompetitionPart::Instruction),
        fields,
    )
}

/// One field per placeholder still in the instruction (`names`), titled as the user
/// reads it; a field left empty leaves its placeholder to fill later.
pub fn placeholders_form(cat: &Catalog, names: &[String]) -> Form {
    let fields = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let mut f = Field::new(
                PlaceholderKey::Value,
                FieldKind::Text { required: false },
                "",
            )
            .nth(i);
            // A field's title starts with a capital, as every other label does.
            let title = crate::app::competitions::placeholder_name(cat, name);
            let mut chars = title.chars();
            f.title = Some(match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => title,
            });
            f
        })
        .collect();
    Form::new(
        cat.t("ui.form.placeholders").to_string(),
        target(CompetitionPart::Placeholders(names.to_vec())),
        fields,
    )
}

/// The organisation's name and the contract manager's contact.
pub fn organisation_form(cat: &Catalog, o: &Organisation) -> Form {
    let fields = vec![
        Field::new(
            OrganisationKey::Name,
            FieldKind::Text { required: true },
            &o.name,
        ),
        Field::new(
            OrganisationKey::Contact,
            FieldKind::Text { required: true },
            &o.contact,
        ),
    ];
    Form::new(
        cat.t("ui.form.organisation").to_string(),
        target(CompetitionPart::Organisation),
        fields,
    )
}

/// The organisation a valid organisation form describes.
pub fn organisation_from(form: &Form) -> Organisation {
    Organisation {
        name: form[OrganisationKey::Name].trimmed(),
        contact: form[OrganisationKey::Contact].trimmed(),
    }
}

pub fn note_form(cat: &Catalog, c: &Competition) -> Form {
    let fields = vec![Field::new(NoteKey::Note, FieldKind::MultiLine, &c.note)];
    Form::new(
        cat.t("ui.form.model_note").to_string(),
        target(CompetitionPart::Note),
        fields,
    )
}
