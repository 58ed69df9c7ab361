from .assessment import Assessment
from .boards import FinancingNeed, FinancingResponse, JobApplication, JobPosting
from .catalogue import Service
from .policy import Policy
from .request import RequestAttachment, RequestComment, ServiceRequest

__all__ = [
    "Assessment", "FinancingNeed", "FinancingResponse", "JobApplication", "JobPosting", "Policy",
    "RequestAttachment", "RequestComment", "Service", "ServiceRequest",
]  # fmt: skip
