"""JSON serialization for backups that keeps datetimes and times to the microsecond.

Django's JSON encoder cuts them to the millisecond, so a restored database would differ from the
one backed up (orderings by time, audit entries written within one millisecond). Loading needs
nothing special: the plain JSON deserializer reads the full ISO format.
"""

import datetime

from django.core.serializers.json import Deserializer, DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(JSONSerializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactEncoder


__all__ = ["Deserializer", "Serializer"]
