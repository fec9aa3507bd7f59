//! `coded!` declares a closed set of values stored and sent as short codes (`"pending"`), each
//! with its translation key when people read it: the enum, `ALL`, `code()`, `from_code()` and
//! `key()`, so that no part of the platform writes these matches by hand.

/// `coded! { /// doc  Name { Variant = "code" => KeyName, … } }`, or without the `=> KeyName`
/// parts for values people never read by name.
macro_rules! coded {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal => $key:ident),+ $(,)? }) => {
        $crate::i18n::coded!($(#[$meta])* $name { $($(#[$vmeta])* $variant = $code),+ });

        impl $name {
            /// What people read for it, in their language.
            pub fn key(self) -> $crate::i18n::Key {
                match self { $($name::$variant => $crate::i18n::Key::$key),+ }
            }
        }
    };
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// How it is stored and sent.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn from_code(code: &str) -> Option<$name> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

pub(crate) use coded;
