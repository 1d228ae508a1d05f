"""SMS adapters: the gateway interface and an HTTP adapter. The outbox itself lives in the services (SQL)."""

from reviewer_app.sms.base import SmsGateway, SmsSendError
from reviewer_app.sms.http import HttpSmsGateway

__all__ = ["HttpSmsGateway", "SmsGateway", "SmsSendError"]
