//! Typed form fields: each kind of form names its fields in an enum of its own (declared
//! with `form_keys!`), and a form is read, filled and refused by those names. A misspelt
//! field does not compile, and a form asked for a field it lacks stops rather than reading
//! another field's value.

use std::any::TypeId;
use std::fmt::Debug;

/// The fields of one kind of form, in the order the form shows them.
pub trait FormKey: Copy + Eq + Debug + 'static {
    /// Every field of the kind, in order.
    const ALL: &'static [Self];
    /// The catalogue key of the field's label: the text shown, and the name a draft keeps
    /// the field's value under (the stored draft format).
    fn label(self) -> &'static str;
    /// The field's place among `ALL`.
    fn slot(self) -> usize;
}

/// Which field of which kind of form a `Field` is: the key's enum and its variant, and
/// for a field repeated in one form (a placeholder, a criterion's points) which one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldId {
    kind: TypeId,
    kind_name: &'static str,
    slot: usize,
    nth: usize,
}

impl FieldId {
    pub fn of<K: FormKey>(key: K) -> FieldId {
        FieldId {
            kind: TypeId::of::<K>(),
            kind_name: std::any::type_name::<K>(),
            slot: key.slot(),
            nth: 0,
        }
    }

    /// The `nth` field of the same key in one form (0 for the first).
    pub fn nth(self, nth: usize) -> FieldId {
        FieldId { nth, ..self }
    }

    /// The same field, whichever repetition it is.
    pub fn same_key(&self, other: &FieldId) -> bool {
        (self.kind, self.slot) == (other.kind, other.slot)
    }

    pub fn same_kind(&self, other: &FieldId) -> bool {
        self.kind == other.kind
    }

    /// The name of the key's enum, for a message about a mix-up.
    pub fn kind_name(&self) -> &'static str {
        self.kind_name
    }
}

/// Declares the fields of a kind of form: an enum whose variants are the fields, each with
/// its label's catalogue key, in the order the form shows them. Adding a field to a form is
/// a line here, its `Field` where the form is built and its reading where it is applied.
macro_rules! form_keys {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $label:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $crate::app::form::FormKey for $name {
            const ALL: &'static [Self] = &[$($name::$variant),+];

            fn label(self) -> &'static str {
                match self {
                    $( $name::$variant => $label ),+
                }
            }

            fn slot(self) -> usize {
                self as usize
            }
        }
    };
}

pub(crate) use form_keys;
