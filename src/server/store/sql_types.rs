//! How values the application names are stored on each database: the closed sets as their
//! one word (text with a `CHECK`), keys ([`Token`]) as their 32 digits, instants as [`SqlInstant`]s.

use chrono::{DateTime, SecondsFormat, Utc};
use sqlx::{
    encode::IsNull,
    error::BoxDynError,
    postgres::{PgArgumentBuffer, PgTypeInfo, PgValueRef},
    sqlite::{SqliteArgumentValue, SqliteTypeInfo, SqliteValueRef},
    Decode, Encode, Postgres, Sqlite, Type,
};

use super::kinds::{BookingStatus, Channel, NotificationEvent, ProposalStatus};
use crate::domain::token::Token;

macro_rules! stored_as_text {
    ($($ty:ty),+) => {$(
        impl Type<Sqlite> for $ty {
            fn type_info() -> SqliteTypeInfo {
                <str as Type<Sqlite>>::type_info()
            }
            fn compatible(ty: &SqliteTypeInfo) -> bool {
                <str as Type<Sqlite>>::compatible(ty)
            }
        }

        impl<'q> Encode<'q, Sqlite> for $ty {
            fn encode_by_ref(
                &self,
                buf: &mut Vec<SqliteArgumentValue<'q>>,
            ) -> Result<IsNull, BoxDynError> {
                <String as Encode<'q, Sqlite>>::encode(self.as_str().to_string(), buf)
            }
        }

        impl<'r> Decode<'r, Sqlite> for $ty {
            fn decode(value: SqliteValueRef<'r>) -> Result<Self, BoxDynError> {
                Ok(<&str as Decode<'r, Sqlite>>::decode(value)?.parse()?)
            }
        }

        impl Type<Postgres> for $ty {
            fn type_info() -> PgTypeInfo {
                <str as Type<Postgres>>::type_info()
            }
            fn compatible(ty: &PgTypeInfo) -> bool {
                <str as Type<Postgres>>::compatible(ty)
            }
        }

        impl Encode<'_, Postgres> for $ty {
            fn encode_by_ref(&self, buf: &mut PgArgumentBuffer) -> Result<IsNull, BoxDynError> {
                <&str as Encode<'_, Postgres>>::encode(self.as_str(), buf)
            }
        }

        impl<'r> Decode<'r, Postgres> for $ty {
            fn decode(value: PgValueRef<'r>) -> Result<Self, BoxDynError> {
                Ok(<&str as Decode<'r, Postgres>>::decode(value)?.parse()?)
            }
        }
    )+};
}

stored_as_text!(
    BookingStatus,
    Channel,
    NotificationEvent,
    ProposalStatus,
    Token
);

/// An instant as each database keeps it: `TIMESTAMPTZ` on PostgreSQL; on SQLite, RFC 3339
/// UTC text with a `Z`, to the millisecond, so that text order is time order (rows written
/// before this type, to the second, read back too).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct SqlInstant(pub DateTime<Utc>);

impl SqlInstant {
    /// Now.
    pub fn now() -> Self {
        Self(Utc::now())
    }

    /// This instant to the whole second (what people read, and what Cal.com sends).
    pub fn to_second(self) -> Self {
        use chrono::{DurationRound, TimeDelta};
        Self(
            self.0
                .duration_trunc(TimeDelta::seconds(1))
                .unwrap_or(self.0),
        )
    }

    /// As SQLite stores it.
    fn text(self) -> String {
        self.0.to_rfc3339_opts(SecondsFormat::Millis, true)
    }
}

impl Type<Sqlite> for SqlInstant {
    fn type_info() -> SqliteTypeInfo {
        <str as Type<Sqlite>>::type_info()
    }
    fn compatible(ty: &SqliteTypeInfo) -> bool {
        <str as Type<Sqlite>>::compatible(ty)
    }
}

impl<'q> Encode<'q, Sqlite> for SqlInstant {
    fn encode_by_ref(&self, buf: &mut Vec<SqliteArgumentValue<'q>>) -> Result<IsNull, BoxDynError> {
        <String as Encode<'q, Sqlite>>::encode(self.text(), buf)
    }
}

impl<'r> Decode<'r, Sqlite> for SqlInstant {
    fn decode(value: SqliteValueRef<'r>) -> Result<Self, BoxDynError> {
        let text = <&str as Decode<'r, Sqlite>>::decode(value)?;
        Ok(Self(
            DateTime::parse_from_rfc3339(text)?.with_timezone(&Utc),
        ))
    }
}

impl Type<Postgres> for SqlInstant {
    fn type_info() -> PgTypeInfo {
        <DateTime<Utc> as Type<Postgres>>::type_info()
    }
}

impl Encode<'_, Postgres> for SqlInstant {
    fn encode_by_ref(&self, buf: &mut PgArgumentBuffer) -> Result<IsNull, BoxDynError> {
        <DateTime<Utc> as Encode<'_, Postgres>>::encode_by_ref(&self.0, buf)
    }
}

impl<'r> Decode<'r, Postgres> for SqlInstant {
    fn decode(value: PgValueRef<'r>) -> Result<Self, BoxDynError> {
        Ok(Self(<DateTime<Utc> as Decode<'r, Postgres>>::decode(
            value,
        )?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_text_order_is_time_order() {
        let a = SqlInstant(
            DateTime::parse_from_rfc3339("2026-11-26T09:59:59.999Z")
                .unwrap()
                .into(),
        );
        let b = SqlInstant(
            DateTime::parse_from_rfc3339("2026-11-26T10:00:00Z")
                .unwrap()
                .into(),
        );
        assert_eq!(b.text(), "2026-11-26T10:00:00.000Z");
        assert!(a.text() < b.text());
        assert_eq!(a.to_second().text(), "2026-11-26T09:59:59.000Z");
    }
}
