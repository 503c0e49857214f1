//! The closed sets as SQL text: written as their one word, read back or refused.

use sqlx::{
    encode::IsNull, error::BoxDynError, sqlite::SqliteArgumentValue, Decode, Encode, Sqlite, Type,
};

use crate::server::kinds::{BookingStatus, Channel, NotificationEvent, ProposalStatus};

macro_rules! stored_as_text {
    ($($ty:ty),+) => {$(
        impl Type<Sqlite> for $ty {
            fn type_info() -> <Sqlite as sqlx::Database>::TypeInfo {
                <str as Type<Sqlite>>::type_info()
            }
            fn compatible(ty: &<Sqlite as sqlx::Database>::TypeInfo) -> bool {
                <str as Type<Sqlite>>::compatible(ty)
            }
        }

        impl<'q> Encode<'q, Sqlite> for $ty {
            fn encode_by_ref(
                &self,
                buf: &mut Vec<SqliteArgumentValue<'q>>,
            ) -> Result<IsNull, BoxDynError> {
                <&str as Encode<'q, Sqlite>>::encode(self.as_str(), buf)
            }
        }

        impl<'r> Decode<'r, Sqlite> for $ty {
            fn decode(value: <Sqlite as sqlx::Database>::ValueRef<'r>) -> Result<Self, BoxDynError> {
                Ok(<&str as Decode<'r, Sqlite>>::decode(value)?.parse()?)
            }
        }
    )+};
}

stored_as_text!(BookingStatus, Channel, NotificationEvent, ProposalStatus);
